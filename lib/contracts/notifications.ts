import { z } from "zod";
import { MAX_ID } from "./invoice";

/** What a user is told about their account (docs/notifications.md). */
export const notificationTypes = [
  "new_device_sign_in",
  "password_changed",
  "password_reset",
  "signed_out_by_admin",
  "account_unlocked",
  "role_changed",
  "reuse_detected",
  "totp_enabled",
  "totp_disabled",
  "recovery_code_used",
  "mfa_reset_by_admin",
  "passkey_added",
  "passkey_removed",
] as const;
export const notificationTypeSchema = z.enum(notificationTypes);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

/** Where and when it happened: the request's device and address, and the login it names, if any. */
export const notificationDetailSchema = z.object({
  /** Browser and system from the User-Agent ("Firefox 128 on Windows 10"). */
  device: z.string(),
  ip: z.string().nullable(),
  /** ISO 8601, UTC. */
  at: z.string(),
  sessionId: z.string().optional(),
});
export type NotificationDetail = z.infer<typeof notificationDetailSchema>;

export const notificationRowSchema = z.object({
  id: z.number().int(),
  type: notificationTypeSchema,
  detail: notificationDetailSchema,
  /** The login the notice names: "this wasn't me" ends it. */
  sessionId: z.string().nullable(),
  /** Whether that login is still live, so there is something for "this wasn't me" to end. */
  sessionActive: z.boolean(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationRow = z.infer<typeof notificationRowSchema>;

export const notificationSortFields = ["createdAt"] as const;

export const notificationFilterSchema = z
  .object({
    read: z.boolean().optional(),
    id: z.array(z.number().int().min(1).max(MAX_ID)).max(1000).optional(),
  })
  .strict();
export type NotificationFilter = z.infer<typeof notificationFilterSchema>;

/** `POST /api/notifications/read`: these notices, or every one of the caller's. */
export const markReadRequestSchema = z.union([
  z.object({ ids: z.array(z.number().int().min(1).max(MAX_ID)).min(1).max(1000) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkReadRequest = z.infer<typeof markReadRequestSchema>;
