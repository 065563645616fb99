import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";

/** A signed answer to one of the server's challenges: what sign-in, the second step and step-up send. */
export interface PasskeyProof {
  challenge_id: string;
  credential: AuthenticationResponseJSON;
}
