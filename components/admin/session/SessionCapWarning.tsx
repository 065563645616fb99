import { Alert, Button, Snackbar } from "@mui/material";
import { useSyncExternalStore } from "react";
import { adminServices } from "@/lib/admin/browser";
import { useReached } from "./useReached";
import { useSessionUsername } from "./useSessionUsername";

export const WARN_BEFORE_CAP_MS = 5 * 60 * 1000;

const subscribe = (onChange: () => void) => {
  const unsubscribe = adminServices().tokens.subscribe(onChange);
  return () => {
    unsubscribe();
  };
};
// Whole seconds, so each refresh's re-reading of the cap does not count as a change.
const snapshot = () => {
  const endsAt = adminServices().tokens.sessionEndsAt();
  return endsAt === null ? null : Math.round(endsAt / 1000) * 1000;
};

/** Warns before the login's absolute cap; "Stay signed in" signs in again, which starts a new login. */
export function SessionCapWarning() {
  const endsAt = useSyncExternalStore(subscribe, snapshot, () => null);
  const due = useReached(endsAt === null ? null : endsAt - WARN_BEFORE_CAP_MS);
  const username = useSessionUsername();
  if (endsAt === null || !due) return null;

  const at = new Date(endsAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const message = `Your sign-in ends at ${at}: you have been signed in for the longest time allowed. Sign in again to stay signed in.`;
  function stay() {
    if (username.current) adminServices().reauth.open({ username: username.current, message, voluntary: true });
  }
  return (
    <Snackbar open anchorOrigin={{ vertical: "top", horizontal: "center" }}>
      <Alert
        severity="warning"
        data-testid="session-cap-warning"
        action={
          <Button color="inherit" size="small" onClick={stay}>
            Stay signed in
          </Button>
        }
      >
        {message}
      </Alert>
    </Snackbar>
  );
}
