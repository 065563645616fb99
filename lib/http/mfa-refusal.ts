import { MFA_METHODS } from "../contracts/mfa";
import type { DomainError } from "../errors/domain-error";

/** The fields a second-step refusal adds to its body (lib/contracts/mfa.ts), so a client can act without parsing the message. */
export function mfaRefusalFields(error: DomainError): Record<string, unknown> {
  if (error.kind === "mfa_required") return { mfa_methods: [...(error.methods ?? MFA_METHODS)] };
  if (error.kind === "mfa_code_invalid" && error.attemptsLeft !== undefined) return { attempts_left: error.attemptsLeft };
  if (error.kind === "mfa_locked" && error.retryAfterSeconds !== undefined) return { retry_after: error.retryAfterSeconds };
  return {};
}
