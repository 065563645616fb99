import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { AuthenticationCredential, RegistrationCredential } from "../../../contracts/passkeys";
import { PASSKEY_POLICY } from "./policy";
import type { RelyingParty } from "./relying-party";
import type { NewPasskey, PasskeyRecord } from "./storage";

/**
 * The factor's only contact with @simplewebauthn/server: the options it makes and the checks
 * it runs (signature, challenge, origin, RP ID, user presence and verification). The library
 * throws on a bad response; here that becomes a null, so the caller decides what to record.
 */

/** EdDSA, ES256, RS256: what the library offers by default, pinned so an upgrade adds none unasked. */
const ALGORITHMS = [-8, -7, -257];
const TIMEOUT_MS = PASSKEY_POLICY.challengeTtlSeconds * 1000;

/** A discoverable credential with user verification, never one the user registered already. */
export function registrationOptions(
  rp: RelyingParty,
  user: { id: number; username: string; fullName: string },
  existing: readonly Pick<PasskeyRecord, "credentialId" | "transports">[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: PASSKEY_POLICY.rpName,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.fullName,
    // Stable per user, so a second registration on one authenticator replaces rather than piles up; no personal data.
    userID: new TextEncoder().encode(`gatehouse-user:${user.id}`),
    attestationType: "none",
    timeout: TIMEOUT_MS,
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

/** Discoverable: no allowCredentials, so the browser offers every passkey it holds for this RP ID. */
export function authenticationOptions(rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: rp.id, allowCredentials: [], userVerification: "required", timeout: TIMEOUT_MS });
}

/** The challenge a response's clientDataJSON carries, or null when it cannot be read. */
export function challengeOf(credential: { response: { clientDataJSON: string } }): string | null {
  try {
    const client = JSON.parse(Buffer.from(credential.response.clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof client.challenge === "string" && client.challenge.length <= 512 ? client.challenge : null;
  } catch {
    return null;
  }
}

/** A verified registration as it is stored, or null. */
export async function verifyRegistration(rp: RelyingParty, credential: RegistrationCredential, challenge: string): Promise<Omit<NewPasskey, "userId" | "name"> | null> {
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response: credential as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    if (!verified) return null;
    const { credential: made, aaguid, credentialBackedUp, credentialDeviceType } = registrationInfo;
    return {
      credentialId: made.id,
      publicKey: made.publicKey,
      counter: made.counter,
      transports: (credential.response.transports ?? []).slice(0, 10),
      aaguid,
      backedUp: credentialBackedUp,
      deviceType: credentialDeviceType,
    };
  } catch {
    return null;
  }
}

/** What a verified assertion says: the authenticator's counter now and whether it is backed up. */
export interface VerifiedAssertion {
  counter: number;
  backedUp: boolean;
}

/**
 * Checks an assertion against the stored passkey. The counter is handed to the library as 0,
 * so it checks the signature first and leaves the counter rule to the caller, who records a
 * suspected clone only for an assertion that is otherwise genuine.
 */
export async function verifyAssertion(rp: RelyingParty, credential: AuthenticationCredential, challenge: string, passkey: PasskeyRecord): Promise<VerifiedAssertion | null> {
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: credential as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: 0, transports: passkey.transports },
      requireUserVerification: true,
    });
    return verified ? { counter: authenticationInfo.newCounter, backedUp: authenticationInfo.credentialBackedUp } : null;
  } catch {
    return null;
  }
}
