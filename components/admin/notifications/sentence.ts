import type { NotificationRow, NotificationType } from "@/lib/contracts/notifications";

export type Notice = Pick<NotificationRow, "type" | "detail" | "sessionId" | "createdAt">;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;

/** "2 minutes ago", "yesterday", or the date for anything older than a month. */
export function timeAgo(at: string, now: number): string {
  const then = Date.parse(at);
  if (Number.isNaN(then)) return "at an unknown time";
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return "just now";
  if (elapsed < HOUR) return plural(Math.floor(elapsed / MINUTE), "minute");
  if (elapsed < DAY) return plural(Math.floor(elapsed / HOUR), "hour");
  if (elapsed < 2 * DAY) return "yesterday";
  if (elapsed < 30 * DAY) return plural(Math.floor(elapsed / DAY), "day");
  return `on ${new Date(then).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}`;
}

/** What happened, said for the person it happened to; `from` is where, for what they did themselves. */
const says: Record<NotificationType, (notice: Notice) => { what: string; from: boolean; then?: string }> = {
  new_device_sign_in: () => ({ what: "Signed in", from: true }),
  password_changed: () => ({ what: "Your password was changed", from: true }),
  password_reset: () => ({ what: "An administrator set a new password for you", from: false }),
  signed_out_by_admin: (notice) => ({ what: notice.sessionId ? "An administrator signed you out on one device" : "An administrator signed you out everywhere", from: false }),
  account_unlocked: () => ({ what: "An administrator unlocked your account", from: false }),
  role_changed: () => ({ what: "An administrator changed your role", from: false }),
  reuse_detected: () => ({ what: "A copy of your sign-in was used", from: true, then: "we signed you out" }),
  totp_enabled: () => ({ what: "Two-step verification was turned on", from: true }),
  totp_disabled: () => ({ what: "Two-step verification was turned off", from: true }),
  recovery_code_used: () => ({ what: "A recovery code was used", from: true }),
  mfa_reset_by_admin: () => ({ what: "An administrator reset your two-step verification and passkeys", from: false }),
  passkey_added: () => ({ what: "A passkey was added", from: true }),
  passkey_removed: () => ({ what: "A passkey was removed", from: true }),
};

/**
 * One plain sentence for a notice: "Signed in from Firefox on Windows, 203.0.113.7, 2 minutes ago".
 * An administrator's action names no device: it was theirs, not the reader's.
 */
export function noticeSentence(notice: Notice, now: number): string {
  const { what, from, then } = says[notice.type](notice);
  const where = from ? [`from ${notice.detail.device}`, notice.detail.ip].filter(Boolean).join(", ") : "";
  const when = timeAgo(notice.detail.at || notice.createdAt, now);
  return `${what}${where ? ` ${where}` : ""}, ${when}${then ? `; ${then}` : ""}.`;
}
