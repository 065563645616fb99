import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from "@mui/material";
import { type FormEvent, useState, useSyncExternalStore } from "react";
import { useGetIdentity } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import { MFA_CODE_INVALID, MFA_REQUIRED, type SecondFactor } from "@/lib/admin/second-factor";
import type { StepUpRefusal } from "@/lib/admin/step-up";
import { LockoutNotice } from "../login/LockoutNotice";
import { StepUpCodeField } from "./StepUpCodeField";
import { StepUpPasskey } from "./StepUpPasskey";
import { useCountdown } from "./useCountdown";

const subscribe = (onChange: () => void) => {
  const unsubscribe = adminServices().stepUp.subscribe(onChange);
  return () => {
    unsubscribe();
  };
};
const snapshot = () => adminServices().stepUp.current();

/**
 * "Confirm it's you", over the page a sensitive action was refused on for an old proof. The
 * session is fine throughout: on success the refused request goes once more by itself, with
 * the form as it was; Cancel leaves the page and the session as they are, with nothing saved.
 */
export function StepUpDialog() {
  const refusal = useSyncExternalStore(subscribe, snapshot, () => null);
  if (!refusal) return null;
  return <StepUpForm refusal={refusal} />;
}

const recentWithin = (seconds: number | null) => (seconds === null ? "recently" : seconds % 60 === 0 ? `in the last ${seconds / 60} minutes` : `in the last ${seconds} seconds`);

function StepUpForm({ refusal }: { refusal: StepUpRefusal }) {
  const { identity } = useGetIdentity();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lockout = useCountdown();
  const locked = lockout.secondsLeft > 0;
  // Asked for when the account is known to have a code, or once the server says it wants one.
  const [serverAsked, setServerAsked] = useState(false);
  const [recovery, setRecovery] = useState(false);
  const wantsCode = identity?.totpEnabled === true || serverAsked;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const typed = String(form.get("code") ?? "").trim();
    const factor: SecondFactor | undefined = !wantsCode || !typed ? undefined : recovery ? { recovery_code: typed } : { otp: typed.replace(/\s+/g, "") };
    setPending(true);
    setError(null);
    const result = await adminServices().tokens.reauthenticate(password, factor);
    setPending(false);
    if (result.ok) return adminServices().stepUp.settle(true);
    if (result.retryAfterSeconds) return lockout.start(result.retryAfterSeconds);
    if (result.code === MFA_REQUIRED && !factor) {
      setServerAsked(true);
      return setError("Enter the code from your authenticator app too.");
    }
    setError(result.code === MFA_CODE_INVALID ? "That code didn't work. Enter the newest code your app shows." : result.detail);
  }

  const cancel = () => adminServices().stepUp.settle(false);

  return (
    <Dialog open onClose={cancel} aria-labelledby="step-up-title" data-testid="step-up-dialog">
      <form onSubmit={submit} aria-label="Confirm it's you">
        <DialogTitle id="step-up-title">Confirm it&apos;s you</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              This change needs a password{wantsCode ? " and a code" : ""} entered {recentWithin(refusal.maxAgeSeconds)}. Enter {wantsCode ? "them" : "yours"} to save it; the page keeps what you typed, and you stay
              signed in either way.
            </DialogContentText>
            {typeof identity?.username === "string" && <input type="text" name="username" autoComplete="username" value={identity.username} readOnly hidden />}
            <TextField name="password" label="Password" type="password" autoComplete="current-password" required autoFocus size="small" />
            {wantsCode && <StepUpCodeField recovery={recovery} onSwitch={() => setRecovery(!recovery)} />}
            <StepUpPasskey disabled={pending || locked} onProblem={setError} onLocked={lockout.start} />
            <LockoutNotice secondsLeft={lockout.secondsLeft} />
            {error && !locked && (
              <Alert severity="error" role="alert" data-testid="step-up-error">
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending || locked}>
            {pending ? "Confirming…" : "Confirm"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
