/**
 * Actions that need a recent proof of who is acting (REAUTH_MAX_AGE_SECONDS), checked by the
 * core (lib/auth/freshness.ts) and named the same way on the dashboard. Protective actions
 * (signing out, ending a device, sign-out-everywhere) are never on this list.
 */
export const sensitiveActions = {
  "user.create": "Creating a user",
  "user.update": "Changing a user's role, enabled state, email or password",
  "user.delete": "Deleting a user",
  "user.unlock": "Clearing a user's sign-in lock",
  "user.reset_second_factor": "Resetting a user's second factor",
  "totp.enrol": "Setting up two-step verification",
  "totp.disable": "Turning off two-step verification",
  "recovery_codes.regenerate": "Replacing your recovery codes",
  "passkey.add": "Adding a passkey",
  "passkey.remove": "Removing a passkey",
} as const;

export type SensitiveAction = keyof typeof sensitiveActions;

/** The audit events that record a sensitive action, so the trail can say it needed a fresh proof. */
const sensitiveEvents = new Set(["user.created", "user.role_changed", "user.disabled", "user.enabled", "user.password_reset", "user.deleted", "user.unlocked", "totp.disabled", "totp.reset_by_admin", "recovery_codes.regenerated", "passkey.added", "passkey.removed"]);

export function wasSensitive(type: string, detail: Record<string, unknown> | null): boolean {
  if (sensitiveEvents.has(type)) return true;
  // An edit of the name alone is not sensitive; one of the email is.
  return type === "user.updated" && typeof detail?.fields === "string" && detail.fields.split(",").includes("email");
}
