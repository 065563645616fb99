import { z } from "zod";
import { lineText } from "./text";

/**
 * Passkeys on the wire (issue 25). The WebAuthn JSON itself (creation and request options,
 * the browser's credential) is @simplewebauthn's; only its envelope is checked here.
 *
 * Refusal a client acts on: `401 PASSKEY_INVALID` (unknown, removed or replayed credential,
 * spent or unknown challenge, wrong origin).
 */
export const PASSKEY_INVALID = "PASSKEY_INVALID";

export const passkeyNameSchema = lineText().trim().min(1, "Give the passkey a name").max(64, "At most 64 characters");

/** A passkey as `GET /api/account/passkeys` lists it and `POST /api/account/passkeys` answers it. */
export const passkeySchema = z.object({
  id: z.union([z.string(), z.number()]),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  deviceType: z.string(),
  backedUp: z.boolean(),
  transports: z.array(z.string()),
});
export type Passkey = z.infer<typeof passkeySchema>;

/** `POST /api/auth/passkey/options`: a single-use challenge and the request options for the browser. */
export const passkeySignInOptionsSchema = z.object({
  challenge_id: z.string().min(1),
  options: z.looseObject({ challenge: z.string().min(1) }),
});

/** `POST /api/account/passkeys/options`: the creation options, as the server library produced them. */
export const passkeyCreationOptionsSchema = z.looseObject({ challenge: z.string().min(1), rp: z.looseObject({}), user: z.looseObject({}) });

/** What `GET /api/auth/me` adds. */
export const passkeyStatusSchema = z.object({ passkeyCount: z.number().int().min(0) });
