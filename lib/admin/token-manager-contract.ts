import type { PasskeyProof } from "./passkey-proof";
import type { SecondFactor, SecondStepChallenge } from "./second-factor";

/** What the dashboard asks of the session: the token manager's face, apart from how it works. */

export type SessionStatus = "unknown" | "signed-in" | "signed-out";

export type SessionEvent =
  | { type: "signed-in" }
  /**
   * The session ended without this tab's user asking: another tab signed out, or the server
   * refused it. `resumable` when signing in again in place makes sense (not after a sign-out).
   */
  | { type: "signed-out"; reason: string; resumable: boolean };

export type LoginResult =
  /** `recoveryCodesLeft` when a recovery code was spent. */
  | { ok: true; recoveryCodesLeft?: number }
  /**
   * `secondStep` when the password was right and a code is wanted next (no session yet);
   * `code` is the server's word for the refusal, such as a code that is wrong or a challenge that died.
   */
  | { ok: false; status: number; detail: string; retryAfterSeconds?: number; code?: string; secondStep?: SecondStepChallenge };

export interface TokenManager {
  status(): SessionStatus;
  /** Why the last session ended, for the login page; null after a plain sign-out. */
  signOutReason(): string | null;
  /** When the login's absolute cap passes (wall-clock ms), or null. */
  sessionEndsAt(): number | null;
  /** A token fit to send, after the refresh it may need; null when there is no session. */
  token(): Promise<string | null>;
  /** A token other than one the server refused, refreshing if needed; null when the session is over. */
  renew(rejected: string): Promise<string | null>;
  login(username: string, password: string): Promise<LoginResult>;
  /** The sign-in's second step, for the challenge `login` answered with. */
  completeLogin(challenge: SecondStepChallenge, factor: SecondFactor): Promise<LoginResult>;
  /** Step-up: proves again who is signed in (with a code for an account that has one), for a token of this session with a fresh proof. */
  reauthenticate(password: string, factor?: SecondFactor): Promise<LoginResult>;
  /** A new session from a passkey alone. */
  signInWithPasskey(proof: PasskeyProof): Promise<LoginResult>;
  /** Step-up with a passkey: a fresh proof on this session, no new one. */
  reauthenticateWithPasskey(proof: PasskeyProof): Promise<LoginResult>;
  /** The user signs out: every tab forgets its token and the server revokes the session. */
  signOut(): Promise<void>;
  /** This tab decided the session is unusable: sign out everywhere with a message. */
  endSession(reason: string, resumable?: boolean): void;
  /** Drop local state only, for a tab that has no session anyway. */
  forget(): void;
  subscribe(listener: (event: SessionEvent) => void): () => void;
  dispose(): void;
}
