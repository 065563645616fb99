import { Button, useDelete, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { SessionRow } from "@/lib/contracts/sessions";
import { adminServices } from "@/lib/admin/browser";

/** Ends one login. Ending this device's own login is signing out. */
export function EndSessionButton() {
  const record = useRecordContext<SessionRow>();
  const [remove, { isPending }] = useDelete();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return null;
  return (
    <Button
      label={record.current ? "Sign out" : "End"}
      disabled={isPending}
      onClick={(event) => {
        event.stopPropagation();
        if (record.current) {
          void adminServices().tokens.signOut();
          return;
        }
        remove(
          "sessions",
          { id: record.id, previousData: record },
          {
            mutationMode: "pessimistic",
            onSuccess: () => {
              notify(`Session on ${record.device} ended.`, { type: "success" });
              refresh();
            },
            onError: (error) => notify(error instanceof Error ? error.message : "That did not work.", { type: "error" }),
          },
        );
      }}
    />
  );
}
