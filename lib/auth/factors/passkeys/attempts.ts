import { errors } from "../../../errors/catalog";
import { audit } from "../../audit/record";
import { type AuthContext, type ClientInfo, sleepFor } from "../../context";
import { loginThrottle } from "../../throttle/login-throttle";
import { PASSKEY_POLICY } from "./policy";

/**
 * Admits one passkey attempt from the caller's address through the sign-in throttle, as a
 * password attempt is: refused assertions are counted under the passkey's own name with the
 * address (ten lock it, with a doubling lock) and on the address itself, shared with passwords.
 */
export async function admitPasskeyAttempt(ctx: AuthContext, client: ClientInfo, now: Date, subject: { userId?: number; username?: string; familyId?: string } = {}) {
  const throttle = loginThrottle(ctx.store.throttles, ctx.config.throttle);
  const admission = await throttle.reserve(PASSKEY_POLICY.throttleName, client.ip ?? "unknown", now);
  if (admission.locked) {
    await audit(ctx, client, { type: "passkey.failed", ...subject, detail: { reason: "throttled", retryAfter: admission.retryAfterSeconds } }, now);
    throw errors.rateLimited(admission.retryAfterSeconds);
  }
  if (admission.delayMs > 0) await sleepFor(ctx)(admission.delayMs);
  return { throttle, reservation: admission.reservation };
}
