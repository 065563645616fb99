import LogoutIcon from "@mui/icons-material/Logout";
import PhonelinkEraseIcon from "@mui/icons-material/PhonelinkErase";
import { Button, useDelete, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { SessionRow } from "@/lib/contracts/sessions";
import { adminServices } from "@/lib/admin/browser";
import { ConfirmedButton } from "../layout/ConfirmedButton";

/** Ends one login, once asked. Ending this device's own login is signing out. */
export function EndSessionButton() {
  const record = useRecordContext<SessionRow>();
  const [remove, { isPending }] = useDelete();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return null;
  if (record.current) {
    return (
      <Button
        label="Sign out"
        onClick={(event) => {
          event.stopPropagation();
          void adminServices().tokens.signOut();
        }}
      >
        <LogoutIcon />
      </Button>
    );
  }
  return (
    <ConfirmedButton
      label="End"
      icon={<PhonelinkEraseIcon />}
      disabled={isPending}
      title={`End the session on ${record.device}?`}
      content="That device is signed out on its next request; signing in again there needs the password."
      confirm="End session"
      onConfirm={() =>
        new Promise<void>((settled) =>
          remove(
            "sessions",
            { id: record.id, previousData: record },
            {
              mutationMode: "pessimistic",
              onSuccess: () => {
                notify(`Session on ${record.device} ended.`, { type: "success" });
                refresh();
                settled();
              },
              onError: (error) => {
                notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });
                settled();
              },
            },
          ),
        )
      }
    />
  );
}
