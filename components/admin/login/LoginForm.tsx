import { Alert, Button, CardContent, Stack, TextField } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useLogin } from "react-admin";
import { retryAfterOf, secondStepOf } from "@/lib/admin/http-error";
import type { SecondStepChallenge } from "@/lib/admin/second-factor";
import { useCountdown } from "../session/useCountdown";
import { useSignOutReason } from "../session/useSignOutReason";
import { LockoutNotice } from "./LockoutNotice";
import { PasskeySignIn } from "./PasskeySignIn";
import { SecondStepForm } from "./SecondStepForm";
import { SessionEndedNotice } from "./SessionEndedNotice";

export function LoginForm() {
  const login = useLogin();
  const reason = useSignOutReason();
  const [error, setError] = useState<string | null>(null);
  // A passkey that did not work is not a wrong password: said calmly, beside the form.
  const [passkeyNote, setPasskeyNote] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lockout = useCountdown();
  const locked = lockout.secondsLeft > 0;
  const [challenge, setChallenge] = useState<SecondStepChallenge | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setPasskeyNote(null);
    try {
      await login({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") });
    } catch (failure) {
      const secondStep = secondStepOf(failure);
      const wait = retryAfterOf(failure);
      if (secondStep) setChallenge(secondStep);
      else if (wait) lockout.start(wait);
      else setError(failure instanceof Error && failure.message ? failure.message : "Sign-in failed.");
      setPending(false);
    }
  }

  function restart(why: string) {
    setChallenge(null);
    setError(why || null);
  }

  if (challenge) {
    return (
      <CardContent data-testid="login-form" sx={{ width: 320 }}>
        <SecondStepForm challenge={challenge} onRestart={restart} />
      </CardContent>
    );
  }

  return (
    <CardContent component="form" onSubmit={submit} aria-label="Sign in" data-testid="login-form" sx={{ width: 320 }}>
      <Stack spacing={2}>
        {reason && !error && !locked && <SessionEndedNotice reason={reason} />}
        <LockoutNotice secondsLeft={lockout.secondsLeft} />
        {error && !locked && (
          <Alert severity="error" role="alert" data-testid="login-error">
            {error}
          </Alert>
        )}
        {passkeyNote && !error && !locked && (
          <Alert severity="info" role="status" data-testid="passkey-notice">
            {passkeyNote}
          </Alert>
        )}
        {/* "webauthn" lets the browser offer passkeys among this field's suggestions (conditional mediation). */}
        <TextField name="username" label="Username" autoComplete="username webauthn" required autoFocus size="small" />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required size="small" />
        <Button type="submit" variant="contained" disabled={pending || locked}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
        <PasskeySignIn disabled={pending || locked} onProblem={setPasskeyNote} onLocked={lockout.start} />
      </Stack>
    </CardContent>
  );
}
