import { z } from "zod";

/**
 * Why a login ended, as `reason` on the refresh endpoint's 401. Only the holder of the
 * login's newest token is told (see lib/auth/sessions/session-end.ts); `ended` is the neutral word
 * for endings the holder has no business knowing more about, such as detected token theft.
 */
export const sessionEndReasonSchema = z.enum([
  "signed_out",
  "signed_out_elsewhere",
  "revoked_by_admin",
  "account_disabled",
  "password_changed",
  "password_reset",
  "session_limit",
  "idle",
  "ended",
]);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/**
 * Sent by the dashboard's refresh when it does not know yet whether there is a session:
 * with no refresh cookie at all the answer is then 204 "no session" instead of the 401.
 */
export const SESSION_PROBE_HEADER = "X-Session-Probe";
