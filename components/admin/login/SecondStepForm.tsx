import KeyIcon from "@mui/icons-material/Key";
import { Alert, Button, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useLogin, useNotify } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import { refusalCodeOf, retryAfterOf } from "@/lib/admin/http-error";
import { passkeyProblem } from "@/lib/admin/passkey-errors";
import { MFA_TOKEN_INVALID, type SecondFactor, type SecondStepChallenge } from "@/lib/admin/second-factor";
import { useCountdown } from "../session/useCountdown";
import { LockoutNotice } from "./LockoutNotice";

const WRONG_CODE = "That code didn't work. Enter the newest code your app shows; each code works once.";
const WRONG_RECOVERY_CODE = "That recovery code didn't work. Check it for typos; each one works once.";

/**
 * The sign-in's second step: a code from the authenticator app, one of the recovery codes, or
 * a passkey when the account has one and the browser can use it.
 * A challenge that died (too slow, too many wrong codes) sends the person back to the password.
 */
export function SecondStepForm({ challenge, onRestart }: { challenge: SecondStepChallenge; onRestart: (why: string) => void }) {
  const login = useLogin();
  const notify = useNotify();
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lockout = useCountdown();
  const locked = lockout.secondsLeft > 0;

  const ceremony = adminServices().passkeys;
  const offersPasskey = challenge.methods.includes("passkey") && ceremony.supported();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    await verify(recovery ? { recovery_code: typed } : { otp: typed.replace(/\s+/g, "") });
  }

  async function verifyWithPasskey() {
    setError(null);
    ceremony.cancel();
    try {
      await verify({ passkey: await ceremony.prove({ purpose: "mfa" }) });
    } catch (failure) {
      const wait = retryAfterOf(failure);
      if (wait) return lockout.start(wait);
      setError(passkeyProblem(failure, "second-step"));
    }
  }

  async function verify(factor: SecondFactor) {
    setPending(true);
    setError(null);
    try {
      const result = (await login({ challenge, factor })) as { recoveryCodesLeft?: number } | undefined;
      if (result?.recoveryCodesLeft !== undefined) notify(`Signed in with a recovery code. ${result.recoveryCodesLeft} left.`, { type: "warning" });
    } catch (failure) {
      setPending(false);
      const wait = retryAfterOf(failure);
      if (wait) return lockout.start(wait);
      if (refusalCodeOf(failure) === MFA_TOKEN_INVALID) return onRestart("That sign-in expired or had too many wrong codes. Enter your password again.");
      if ("passkey" in factor) return setError(passkeyProblem(failure, "second-step"));
      setError(refusalCodeOf(failure) ? (recovery ? WRONG_RECOVERY_CODE : WRONG_CODE) : failure instanceof Error ? failure.message : "Sign-in failed.");
    }
  }

  function switchMethod() {
    setRecovery(!recovery);
    setError(null);
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} aria-label="Two-step verification" data-testid="second-step-form">
      <Typography variant="subtitle1" component="h2">
        Two-step verification
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {recovery ? "Enter one of the recovery codes you saved when you set up two-step verification." : "Enter the 6-digit code from your authenticator app."}
      </Typography>
      <LockoutNotice secondsLeft={lockout.secondsLeft} />
      {error && !locked && (
        <Alert severity="error" role="alert" data-testid="second-step-error">
          {error}
        </Alert>
      )}
      {recovery ? (
        <TextField key="recovery" name="code" label="Recovery code" autoComplete="off" required autoFocus size="small" slotProps={{ htmlInput: { autoCapitalize: "none", spellCheck: false, maxLength: 64 } }} />
      ) : (
        <TextField
          key="otp"
          name="code"
          label="Code from your app"
          autoComplete="one-time-code"
          required
          autoFocus
          size="small"
          slotProps={{ htmlInput: { inputMode: "numeric", pattern: "[0-9]{6}", maxLength: 6, title: "6 digits" } }}
        />
      )}
      <Button type="submit" variant="contained" disabled={pending || locked}>
        {pending ? "Checking…" : "Verify"}
      </Button>
      {offersPasskey && (
        <Button variant="outlined" startIcon={<KeyIcon />} onClick={() => void verifyWithPasskey()} disabled={pending || locked}>
          Use a passkey
        </Button>
      )}
      <Button variant="text" onClick={switchMethod} disabled={pending}>
        {recovery ? "Use a code from your app instead" : "Use a recovery code instead"}
      </Button>
      <Button variant="text" color="inherit" onClick={() => onRestart("")} disabled={pending}>
        Back to password
      </Button>
    </Stack>
  );
}
