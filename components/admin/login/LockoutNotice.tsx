import { Alert } from "@mui/material";

/** The lockout, counted down; the form keeps Sign in disabled until it reaches zero. */
export function LockoutNotice({ secondsLeft }: { secondsLeft: number }) {
  if (secondsLeft <= 0) return null;
  return (
    <Alert severity="error" role="alert" data-testid="lockout-notice">
      Too many failed sign-in attempts. Try again in <span data-testid="lockout-seconds">{secondsLeft}</span> s.
    </Alert>
  );
}
