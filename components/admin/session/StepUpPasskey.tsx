import KeyIcon from "@mui/icons-material/Key";
import { Button } from "@mui/material";
import { useEffect, useState } from "react";
import { adminServices } from "@/lib/admin/browser";
import { HttpError } from "@/lib/admin/http-error";
import { passkeyProblem } from "@/lib/admin/passkey-errors";
import { usePasskeyCount } from "./usePasskeyCount";

/**
 * "Use a passkey" in "Confirm it's you", for a person who has one on a browser that can use
 * it: a fresh proof for the same login, no new session, then the refused request goes again.
 */
export function StepUpPasskey({ disabled, onProblem, onLocked }: { disabled: boolean; onProblem: (message: string | null) => void; onLocked: (seconds: number) => void }) {
  const count = usePasskeyCount();
  const [pending, setPending] = useState(false);
  const { passkeys, tokens, stepUp } = adminServices();
  useEffect(() => () => passkeys.cancel(), [passkeys]);
  if (count === 0 || !passkeys.supported()) return null;

  async function confirm() {
    onProblem(null);
    setPending(true);
    passkeys.cancel();
    try {
      const result = await tokens.reauthenticateWithPasskey(await passkeys.prove({ purpose: "reauth" }));
      if (result.ok) return stepUp.settle(true);
      if (result.retryAfterSeconds) return onLocked(result.retryAfterSeconds);
      onProblem(passkeyProblem(new HttpError(result.detail, result.status, { code: result.code ?? null }), "confirm"));
    } catch (failure) {
      onProblem(passkeyProblem(failure, "confirm"));
    } finally {
      setPending(false);
    }
  }

  return (
    <Button variant="outlined" startIcon={<KeyIcon />} onClick={() => void confirm()} disabled={disabled || pending} data-testid="step-up-passkey" sx={{ alignSelf: "flex-start" }}>
      Use a passkey
    </Button>
  );
}
