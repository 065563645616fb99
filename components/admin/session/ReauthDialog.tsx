import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from "@mui/material";
import { type FormEvent, useState, useSyncExternalStore } from "react";
import { useLogout } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import type { ReauthRequest } from "@/lib/admin/reauth";
import { LockoutNotice } from "../login/LockoutNotice";
import { useCountdown } from "./useCountdown";

const subscribe = (onChange: () => void) => {
  const unsubscribe = adminServices().reauth.subscribe(onChange);
  return () => {
    unsubscribe();
  };
};
const snapshot = () => adminServices().reauth.current();

/**
 * Signs the same person in again over the page they are on: the form below stays mounted
 * with what they typed, and they press Save again afterwards. The token goes where every
 * token goes, the token manager's memory.
 */
export function ReauthDialog() {
  const request = useSyncExternalStore(subscribe, snapshot, () => null);
  if (!request) return null;
  return <ReauthForm key={`${request.username}:${request.message}`} request={request} />;
}

function ReauthForm({ request }: { request: ReauthRequest }) {
  const logout = useLogout();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lockout = useCountdown();
  const locked = lockout.secondsLeft > 0;
  const { username, message, voluntary } = request;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    setError(null);
    const result = await adminServices().tokens.login(username, password);
    setPending(false);
    if (result.ok) return adminServices().reauth.settle(true);
    if (result.retryAfterSeconds) lockout.start(result.retryAfterSeconds);
    else setError(result.detail);
  }

  function leave() {
    adminServices().reauth.settle(false);
    if (!voluntary) void logout();
  }

  return (
    <Dialog open onClose={voluntary ? leave : undefined} aria-labelledby="reauth-title" data-testid="reauth-dialog">
      <form onSubmit={submit} aria-label="Sign in again">
        <DialogTitle id="reauth-title">{voluntary ? "Stay signed in" : "Your session has ended"}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity={voluntary ? "info" : "warning"} data-testid="reauth-reason">
              {message}
            </Alert>
            <DialogContentText>
              Sign in again as <strong>{username}</strong> to carry on. This page stays as it is, with anything you typed.
            </DialogContentText>
            <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
            <TextField name="password" label="Password" type="password" autoComplete="current-password" required autoFocus size="small" />
            <LockoutNotice secondsLeft={lockout.secondsLeft} />
            {error && !locked && (
              <Alert severity="error" role="alert" data-testid="reauth-error">
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={leave}>{voluntary ? "Not now" : "Sign out"}</Button>
          <Button type="submit" variant="contained" disabled={pending || locked}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
