import { z } from "zod";
import { tokenResponseSchema } from "./auth";
import { mfaTokenSchema } from "./mfa";
import { MAX_ID } from "./invoice";
import { lineText } from "./text";

/**
 * Passkeys on the wire (issue 25, docs/passkeys.md). The ceremonies' options are what
 * @simplewebauthn/server produces (`PublicKeyCredentialCreationOptionsJSON`,
 * `PublicKeyCredentialRequestOptionsJSON`) and the credentials what @simplewebauthn/browser's
 * `startRegistration()` / `startAuthentication()` answer; this file checks their shape only,
 * the server verifies them.
 *
 * Refusals a client acts on:
 * - `401 PASSKEY_INVALID`: a sign-in, second step or re-authentication whose assertion was not
 *   accepted (spent, unknown or expired challenge, wrong origin or RP ID, unknown credential,
 *   another user's passkey, a counter gone backwards). Start the ceremony again.
 * - `422 VALIDATION_FAILED` with `errors.credential`: a registration that could not be verified.
 * - `429 RATE_LIMITED` + `Retry-After`: too many refused passkey attempts from this address.
 */

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]*={0,2}$/, "Not base64url");

const MAX_CREDENTIAL_ID = 1400;
const MAX_BLOB = 16 * 1024;

const credentialBase = {
  id: base64url(MAX_CREDENTIAL_ID),
  rawId: base64url(MAX_CREDENTIAL_ID),
  type: z.literal("public-key"),
  // A browser's own toJSON() may say null where @simplewebauthn/browser leaves a field out.
  authenticatorAttachment: z
    .enum(["platform", "cross-platform"])
    .nullish()
    .transform((value) => value ?? undefined),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

/** What `startRegistration()` answers (RegistrationResponseJSON). */
export const registrationCredentialSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(MAX_BLOB),
    attestationObject: base64url(MAX_BLOB),
    authenticatorData: base64url(MAX_BLOB).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(MAX_BLOB).optional(),
  }),
});
export type RegistrationCredential = z.infer<typeof registrationCredentialSchema>;

/** What `startAuthentication()` answers (AuthenticationResponseJSON). */
export const authenticationCredentialSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(MAX_BLOB),
    authenticatorData: base64url(MAX_BLOB),
    signature: base64url(MAX_BLOB),
    userHandle: base64url(1024)
      .nullish()
      .transform((value) => value ?? undefined),
  }),
});
export type AuthenticationCredential = z.infer<typeof authenticationCredentialSchema>;

/** A passkey's name as its owner gives it ("MacBook Touch ID"). */
export const passkeyNameSchema = lineText().trim().min(1, "Give the passkey a name").max(64, "At most 64 characters");

/** `POST /api/account/passkeys`: the credential for the options `POST /api/account/passkeys/options` gave. */
export const passkeyRegistrationSchema = z.object({
  name: passkeyNameSchema,
  credential: registrationCredentialSchema,
});
export type PasskeyRegistration = z.infer<typeof passkeyRegistrationSchema>;

/** `PUT /api/account/passkeys/:id`: only the name changes; react-admin's other fields are dropped. */
export const passkeyRenameSchema = z.object({ name: passkeyNameSchema });
export type PasskeyRename = z.infer<typeof passkeyRenameSchema>;

/** One passkey as its owner sees it: the 201 of a registration, a list row, a rename's answer. */
export const passkeyRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** "singleDevice" (bound to one authenticator) or "multiDevice" (synced, can be backed up). */
  deviceType: z.enum(["singleDevice", "multiDevice"]),
  backedUp: z.boolean(),
  transports: z.array(z.string()),
});
export type PasskeyRow = z.infer<typeof passkeyRowSchema>;

export const passkeySortFields = ["name", "createdAt", "lastUsedAt"] as const;

export const passkeyFilterSchema = z
  .object({ id: z.array(z.number().int().min(1).max(MAX_ID)).max(1000).optional() })
  .strict();
export type PasskeyFilter = z.infer<typeof passkeyFilterSchema>;

/**
 * `POST /api/auth/passkey/options` (no body, or JSON `{ purpose }`): a challenge for signing in,
 * a re-authentication or a second step; `options` has an empty `allowCredentials`.
 */
export const passkeyPurposeSchema = z.enum(["sign_in", "reauth", "mfa"]);
export type PasskeyPurpose = z.infer<typeof passkeyPurposeSchema>;
export const passkeyOptionsRequestSchema = z.object({ purpose: passkeyPurposeSchema.default("sign_in") }).strict();

export const passkeyChallengeIdSchema = z.string().min(1, "challenge_id is required").max(64, "challenge_id is too long");

/** The answer of `POST /api/auth/passkey/options`; `options` goes to `startAuthentication()` as it is. */
export const passkeyRequestOptionsSchema = z.object({
  challenge_id: z.string(),
  options: z.object({ challenge: z.string(), rpId: z.string().optional(), allowCredentials: z.array(z.unknown()).optional(), userVerification: z.string().optional() }).loose(),
});
export type PasskeyRequestOptions = z.infer<typeof passkeyRequestOptionsSchema>;

/** `POST /api/auth/token` JSON `{ grant_type: "passkey", challenge_id, credential }`: the normal token body and cookie. */
export const passkeyGrantSchema = z.object({
  grant_type: z.literal("passkey"),
  challenge_id: passkeyChallengeIdSchema,
  credential: authenticationCredentialSchema,
});
export type PasskeyGrant = z.infer<typeof passkeyGrantSchema>;

/** `grant_type: "mfa_passkey"`: a second step finished with one of the same user's passkeys. */
export const mfaPasskeyGrantSchema = z.object({
  grant_type: z.literal("mfa_passkey"),
  mfa_token: mfaTokenSchema,
  challenge_id: passkeyChallengeIdSchema,
  credential: authenticationCredentialSchema,
});
export type MfaPasskeyGrant = z.infer<typeof mfaPasskeyGrantSchema>;

/** `POST /api/auth/reauthenticate` with a passkey of the signed-in user instead of the password. */
export const passkeyReauthenticateSchema = z.object({
  challenge_id: passkeyChallengeIdSchema,
  credential: authenticationCredentialSchema,
});
export type PasskeyReauthenticate = z.infer<typeof passkeyReauthenticateSchema>;

export const passkeyTokenResponseSchema = tokenResponseSchema;

/** What `GET /api/auth/me` adds. */
export const passkeyStatusSchema = z.object({ passkeyCount: z.number().int().min(0) });
export type PasskeyStatus = z.infer<typeof passkeyStatusSchema>;
