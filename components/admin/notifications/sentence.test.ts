import { describe, expect, it } from "vitest";
import { type NotificationType, notificationTypes } from "@/lib/contracts/notifications";
import { type Notice, noticeSentence, timeAgo } from "./sentence";

const now = Date.parse("2026-12-07T12:00:00Z");
const at = "2026-12-07T11:58:00Z";
const notice = (type: NotificationType, sessionId: string | null = null, ip: string | null = "203.0.113.7"): Notice => ({
  type,
  sessionId,
  createdAt: at,
  detail: { device: "Firefox on Windows", ip, at, ...(sessionId ? { sessionId } : {}) },
});

const table: [NotificationType, string | null, string][] = [
  ["new_device_sign_in", "s1", "Signed in from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
  ["password_changed", "s1", "Your password was changed from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
  ["password_reset", null, "An administrator set a new password for you, 2 minutes ago."],
  ["signed_out_by_admin", "s1", "An administrator signed you out on one device, 2 minutes ago."],
  ["signed_out_by_admin", null, "An administrator signed you out everywhere, 2 minutes ago."],
  ["account_unlocked", null, "An administrator unlocked your account, 2 minutes ago."],
  ["role_changed", null, "An administrator changed your role, 2 minutes ago."],
  ["reuse_detected", "s1", "A copy of your sign-in was used from Firefox on Windows, 203.0.113.7, 2 minutes ago; we signed you out."],
  ["totp_enabled", "s1", "Two-step verification was turned on from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
  ["totp_disabled", "s1", "Two-step verification was turned off from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
  ["recovery_code_used", null, "A recovery code was used from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
  ["mfa_reset_by_admin", null, "An administrator reset your two-step verification and passkeys, 2 minutes ago."],
  ["passkey_added", "s1", "A passkey was added from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
  ["passkey_removed", "s1", "A passkey was removed from Firefox on Windows, 203.0.113.7, 2 minutes ago."],
];

describe("a notice in one plain sentence", () => {
  it.each(table)("%s (login %s)", (type, sessionId, sentence) => {
    expect(noticeSentence(notice(type, sessionId), now)).toBe(sentence);
  });

  it("covers every type", () => {
    expect(new Set(table.map(([type]) => type))).toEqual(new Set(notificationTypes));
  });

  it("leaves out an address it does not know", () => {
    expect(noticeSentence(notice("new_device_sign_in", "s1", null), now)).toBe("Signed in from Firefox on Windows, 2 minutes ago.");
  });
});

describe("time ago", () => {
  it.each([
    ["2026-12-07T11:59:30Z", "just now"],
    ["2026-12-07T12:00:05Z", "just now"],
    ["2026-12-07T11:59:00Z", "1 minute ago"],
    ["2026-12-07T09:00:00Z", "3 hours ago"],
    ["2026-12-06T10:00:00Z", "yesterday"],
    ["2026-12-01T12:00:00Z", "6 days ago"],
    ["2026-10-01T12:00:00Z", "on 1 October 2026"],
    ["not a date", "at an unknown time"],
  ])("%s is %s", (when, words) => {
    expect(timeAgo(when, now)).toBe(words);
  });
});
