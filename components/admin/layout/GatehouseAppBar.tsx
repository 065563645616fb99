import { AppBar, LoadingIndicator } from "react-admin";
import { NotificationBell } from "../notifications/NotificationBell";
import { AccountMenu } from "./AccountMenu";

export function GatehouseAppBar() {
  return (
    <AppBar
      userMenu={<AccountMenu />}
      toolbar={
        <>
          <NotificationBell />
          <LoadingIndicator />
        </>
      }
    />
  );
}
