import type { SessionEndReason } from "../contracts/session-end";

/** Every way a session can end, as people are told: the server's reasons and what only the browser knows. */
export type SessionEnding = SessionEndReason | "other_tab" | "unreachable" | "refused" | "device_key_lost";

const messages: Record<SessionEnding, string> = {
  signed_out: "You signed out of this session in another window.",
  signed_out_elsewhere: "You were signed out from another device.",
  revoked_by_admin: "An administrator signed you out.",
  account_disabled: "Your account has been disabled or removed. Contact an administrator.",
  password_changed: "Your password was changed on another device. Sign in with the new password.",
  password_reset: "An administrator reset your password. Sign in with the new one.",
  session_limit: "You have been signed in for the longest time allowed. Sign in again to carry on.",
  idle: "You were signed out after a long time without activity.",
  ended: "Your session has ended. Please sign in again.",
  other_tab: "You signed out in another tab.",
  unreachable: "Cannot reach the server, so your session could not be restored. You were not signed out: reload the page once the connection is back.",
  refused: "Your session has ended. Please sign in again.",
  device_key_lost: "Your session has ended: this browser no longer holds the key it was tied to. Please sign in again.",
};

export const sessionEndMessage = (ending: SessionEnding): string => messages[ending];

// The person chose to sign out, or cannot sign in at all: the login page, not a sign-in in place.
const leaveThePage = new Set<SessionEnding>(["signed_out", "signed_out_elsewhere", "other_tab", "account_disabled"]);

/** Whether signing in again over the current page makes sense after this ending. */
export const resumable = (ending: SessionEnding): boolean => !leaveThePage.has(ending);
