import { useCallback, useEffect, useRef, useState } from "react";
import { useLogin } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import { retryAfterOf } from "@/lib/admin/http-error";
import type { PasskeyProof } from "@/lib/admin/passkey-proof";
import { isCancelled, passkeyProblem } from "@/lib/admin/passkey-errors";

// The server's challenges live 5 minutes; an autofill request left waiting gets a new one before that.
const AUTOFILL_RENEW_MS = 4 * 60_000;

/** Stable callbacks (a state setter, a memoised function): a new one restarts the autofill request. */
export interface PasskeySignInEvents {
  onProblem: (message: string) => void;
  onLocked: (seconds: number) => void;
}

/**
 * Sign-in with a passkey: a prompt on request, and, where the browser offers conditional
 * mediation, a request that waits among the username field's autofill suggestions. The
 * prompt cancels the waiting request first, and leaving the page cancels whatever waits.
 */
export function usePasskeySignIn({ onProblem, onLocked }: PasskeySignInEvents) {
  const login = useLogin();
  const ceremony = adminServices().passkeys;
  const [pending, setPending] = useState(false);
  const [autofillRound, setAutofillRound] = useState(0);
  const prompting = useRef(false);

  const report = useCallback(
    (failure: unknown) => {
      const wait = retryAfterOf(failure);
      if (wait) return onLocked(wait);
      const problem = passkeyProblem(failure, "sign-in");
      if (problem) onProblem(problem);
    },
    [onProblem, onLocked],
  );

  const signIn = useCallback(
    async (proof: PasskeyProof) => {
      setPending(true);
      try {
        await login({ passkey: proof });
      } catch (failure) {
        setPending(false);
        report(failure);
      }
    },
    [login, report],
  );

  useEffect(() => {
    if (!ceremony.supported()) return;
    let live = true;
    const renew = setTimeout(() => !prompting.current && setAutofillRound((round) => round + 1), AUTOFILL_RENEW_MS);
    void (async () => {
      if (!(await ceremony.autofillAvailable()) || !live) return;
      let proof: PasskeyProof;
      try {
        proof = await ceremony.prove({ autofill: true });
      } catch {
        // Autofill is an offer, never an error: without a challenge or a browser answer the form is as it was.
        return;
      }
      // A refused answer is said once and not asked again, so an eager authenticator cannot loop.
      if (live) await signIn(proof);
    })();
    return () => {
      live = false;
      clearTimeout(renew);
      if (!prompting.current) ceremony.cancel();
    };
  }, [ceremony, autofillRound, report, signIn]);

  async function withPrompt() {
    ceremony.cancel();
    prompting.current = true;
    let proof: PasskeyProof;
    try {
      proof = await ceremony.prove();
    } catch (failure) {
      prompting.current = false;
      // A closed prompt goes back to the form as it was, autofill included.
      if (isCancelled(failure)) setAutofillRound((round) => round + 1);
      else report(failure);
      return;
    }
    prompting.current = false;
    await signIn(proof);
  }

  return { supported: ceremony.supported(), pending, withPrompt };
}
