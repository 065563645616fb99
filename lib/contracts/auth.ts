import { z } from "zod";
import { sessionEndReasonSchema } from "./session-end";
import { lineText, secretText } from "./text";

export const roleSchema = z.enum(["admin", "user"]);
export type Role = z.infer<typeof roleSchema>;

/** FastAPI's OAuth2PasswordRequestForm, as form fields or JSON. */
export const loginRequestSchema = z.object({
  username: lineText().trim().min(1, "username is required").max(150, "username is too long"),
  password: secretText().min(1, "password is required").max(1024, "password is too long"),
  grant_type: z.literal("password").optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.literal("bearer"),
  /** Seconds the access token is valid for, counted from when the response was sent. */
  token_expiry: z.number().int().positive(),
  /** The same moment as unix seconds on the server's clock. */
  expires_at: z.number().int().positive(),
  /** The login's absolute cap as unix seconds on the server's clock; signing in again is the only way past it. */
  session_expires_at: z.number().int().positive().optional(),
  /** The caller's unread security notifications (docs/notifications.md): the dashboard's bell. */
  unread_notifications: z.number().int().min(0),
  /** The RFC 7638 thumbprint of the device key the login is bound to; only on a bound login (docs/dpop.md). */
  dpop_jkt: z.string().min(1).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const identitySchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  role: roleSchema,
  /** Whether the person signs in with a TOTP second step (issue 24). */
  totpEnabled: z.boolean().optional(),
  /** Unused recovery codes; 0 without TOTP. */
  recoveryCodesLeft: z.number().int().min(0).optional(),
  /** Passkeys the person has registered (issue 25). */
  passkeyCount: z.number().int().min(0).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

export const errorBodySchema = z.object({
  detail: z.string(),
  code: z.string().optional(),
  /** Why a session ended, on some refresh refusals; a word this client does not know is dropped. */
  reason: sessionEndReasonSchema.optional().catch(undefined),
  /** On a REAUTH_REQUIRED refusal: how old a proof the action accepts, in seconds (RFC 9470). */
  max_age: z.number().int().positive().optional().catch(undefined),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * `POST /api/auth/reauthenticate`: the signed-in person's password again and, for a user with
 * TOTP, a current code or a recovery code (without one: 401 MFA_REQUIRED, lib/contracts/mfa.ts).
 */
export const reauthenticateSchema = z.object({
  password: secretText().min(1, "Enter your password").max(1024),
  otp: z
    .string()
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your app"))
    .optional(),
  recovery_code: lineText().trim().min(1).max(64).optional(),
});
export type ReauthenticateRequest = z.infer<typeof reauthenticateSchema>;

export const changePasswordSchema = z.object({
  current_password: secretText().min(1, "Enter your current password").max(1024),
  new_password: secretText().min(1, "Enter a new password").max(1024),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;
