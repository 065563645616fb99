import KeyIcon from "@mui/icons-material/Key";
import { Button, Divider } from "@mui/material";
import { type PasskeySignInEvents, usePasskeySignIn } from "./usePasskeySignIn";

/** "Sign in with a passkey", shown only where the browser has WebAuthn; the username field's autofill works beside it. */
export function PasskeySignIn({ disabled, ...events }: PasskeySignInEvents & { disabled: boolean }) {
  const { supported, pending, withPrompt } = usePasskeySignIn(events);
  if (!supported) return null;
  return (
    <>
      <Divider flexItem>or</Divider>
      <Button variant="outlined" startIcon={<KeyIcon />} onClick={() => void withPrompt()} disabled={disabled || pending} data-testid="passkey-sign-in">
        {pending ? "Signing in…" : "Sign in with a passkey"}
      </Button>
    </>
  );
}
