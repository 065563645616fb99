import { AppBar } from "react-admin";
import { AccountMenu } from "./AccountMenu";

export function GatehouseAppBar() {
  return <AppBar userMenu={<AccountMenu />} />;
}
