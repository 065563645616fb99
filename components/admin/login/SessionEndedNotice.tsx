import { Alert, AlertTitle } from "@mui/material";
import { sessionEndMessage } from "@/lib/admin/session-messages";

/** Why the last session ended, or why it could not be restored, in plain words. */
export function SessionEndedNotice({ reason }: { reason: string }) {
  const unreachable = reason === sessionEndMessage("unreachable");
  return (
    <Alert severity="warning" data-testid="session-ended">
      <AlertTitle>{unreachable ? "Your session could not be restored" : "Your session has ended"}</AlertTitle>
      {reason}
    </Alert>
  );
}
