/** What the dashboard asks of the session: the token manager's face, apart from how it works. */

export type SessionStatus = "unknown" | "signed-in" | "signed-out";

export type SessionEvent =
  | { type: "signed-in" }
  /**
   * The session ended without this tab's user asking: another tab signed out, or the server
   * refused it. `resumable` when signing in again in place makes sense (not after a sign-out).
   */
  | { type: "signed-out"; reason: string; resumable: boolean };

export type LoginResult = { ok: true } | { ok: false; status: number; detail: string; retryAfterSeconds?: number };

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
  /** Step-up: proves again who is signed in, for a token of this session with a fresh proof. */
  reauthenticate(password: string): Promise<LoginResult>;
  /** The user signs out: every tab forgets its token and the server revokes the session. */
  signOut(): Promise<void>;
  /** This tab decided the session is unusable: sign out everywhere with a message. */
  endSession(reason: string, resumable?: boolean): void;
  /** Drop local state only, for a tab that has no session anyway. */
  forget(): void;
  subscribe(listener: (event: SessionEvent) => void): () => void;
  dispose(): void;
}
