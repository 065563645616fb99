import { z } from "zod";
import { tokenResponseSchema } from "./auth";
import { lineText } from "./text";

/**
 * The second factor on the wire (issue 24, docs/totp.md): TOTP codes and recovery codes.
 *
 * Refusal codes a client acts on (body `{ detail, code, … }`):
 * - `403 MFA_REQUIRED` + `mfa_token`, `mfa_methods`: the password was right; finish with a second step.
 * - `401 MFA_REQUIRED` (no `mfa_token`), `mfa_methods`: re-authentication needs `otp` or `recovery_code` too.
 * - `401 MFA_CODE_INVALID` + `attempts_left`: a wrong code on the token endpoint or re-authentication;
 *   at 0 the mfa_token is spent and sign-in starts again.
 * - `401 MFA_TOKEN_INVALID`: the mfa_token is unknown, expired (5 min), used, spent, or from another address.
 * - `429 MFA_LOCKED` + `Retry-After` header and `retry_after` body (seconds): ten second-step failures in a row.
 * - `422 VALIDATION_FAILED` with `errors.code`: a wrong code on confirm or turn-off (account endpoints,
 *   where a 401 would end the dashboard's session).
 */
export const MFA_METHODS = ["totp", "recovery_code"] as const;
/** Every method a second step may name: TOTP's two, and "passkey" when the user has one (docs/passkeys.md). */
export const mfaMethodSchema = z.enum([...MFA_METHODS, "passkey"]);
export type MfaMethod = z.infer<typeof mfaMethodSchema>;

/** Six digits; spaces a person may type between groups are ignored. */
export const otpSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your app"));

/** `xxxxx-xxxxx`, any case, with or without the dash or spaces; the server normalises it. */
export const recoveryCodeSchema = lineText().trim().min(1, "Enter a recovery code").max(64, "Not a recovery code");

export const mfaTokenSchema = z.string().min(1, "mfa_token is required").max(200, "mfa_token is too long");

/** `POST /api/auth/token` password step for a user with TOTP: 403, no cookie, no session. */
export const mfaRequiredBodySchema = z.object({
  detail: z.string(),
  code: z.literal("MFA_REQUIRED"),
  mfa_token: z.string().min(1),
  mfa_methods: z.array(mfaMethodSchema),
});
export type MfaRequiredBody = z.infer<typeof mfaRequiredBodySchema>;

/** `grant_type=mfa_otp`, form or JSON. */
export const mfaOtpGrantSchema = z.object({
  grant_type: z.literal("mfa_otp"),
  mfa_token: mfaTokenSchema,
  otp: otpSchema,
});
export type MfaOtpGrant = z.infer<typeof mfaOtpGrantSchema>;

/** `grant_type=mfa_recovery_code`, form or JSON. */
export const mfaRecoveryGrantSchema = z.object({
  grant_type: z.literal("mfa_recovery_code"),
  mfa_token: mfaTokenSchema,
  recovery_code: recoveryCodeSchema,
});
export type MfaRecoveryGrant = z.infer<typeof mfaRecoveryGrantSchema>;

/** The second step's answer: the normal token body (and refresh cookie); a recovery code adds how many are left. */
export const mfaTokenResponseSchema = tokenResponseSchema.extend({
  recovery_codes_left: z.number().int().min(0).optional(),
});
export type MfaTokenResponse = z.infer<typeof mfaTokenResponseSchema>;

/** Refusal fields beyond lib/contracts/auth.ts's errorBodySchema. */
export const mfaErrorBodySchema = z.object({
  detail: z.string(),
  code: z.string(),
  mfa_methods: z.array(mfaMethodSchema).optional().catch(undefined),
  attempts_left: z.number().int().min(0).optional().catch(undefined),
  retry_after: z.number().int().min(0).optional().catch(undefined),
});
export type MfaErrorBody = z.infer<typeof mfaErrorBodySchema>;

/** `POST /api/account/totp` (sensitive): a new pending secret; nothing is enabled until confirmed. */
export const totpEnrolmentSchema = z.object({
  /** Base32 (RFC 4648, no padding), 20 random bytes. */
  secret: z.string().min(1),
  /** `otpauth://totp/Gatehouse:<username>?secret=…&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30` */
  otpauth_uri: z.string().startsWith("otpauth://totp/"),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

/** `POST /api/account/totp/confirm` and `DELETE /api/account/totp`: a current code from the app. */
export const totpCodeRequestSchema = z.object({ code: otpSchema });
export type TotpCodeRequest = z.infer<typeof totpCodeRequestSchema>;

/** Confirm and `POST /api/account/recovery-codes`: ten codes, shown this once. */
export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()).length(10) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** What `GET /api/auth/me` adds. */
export const mfaStatusSchema = z.object({
  totpEnabled: z.boolean(),
  recoveryCodesLeft: z.number().int().min(0),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;
