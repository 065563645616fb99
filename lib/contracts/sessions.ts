import { z } from "zod";
import { MAX_ID } from "./invoice";

/** One live login (a refresh-token family), named by its family id. */
export const sessionRowSchema = z.object({
  id: z.string(),
  userId: z.number().int(),
  username: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** A readable browser and system, such as "Chrome 120 on Windows 10". */
  device: z.string(),
  /** The login this request was made with. */
  current: z.boolean(),
});
export type SessionRow = z.infer<typeof sessionRowSchema>;

export const sessionSortFields = ["lastUsedAt", "createdAt", "expiresAt"] as const;

export const sessionFilterSchema = z
  .object({
    /** Honoured for admins; everyone else sees only their own logins. */
    userId: z.number().int().min(1).max(MAX_ID).optional(),
    id: z.array(z.string().max(64)).max(1000).optional(),
  })
  .strict();
export type SessionFilter = z.infer<typeof sessionFilterSchema>;

/** `POST /api/auth/logout`: this login (the default), every other one, or all of them. */
export const logoutRequestSchema = z.object({ scope: z.enum(["current", "others", "all"]).default("current") }).strict();
export type LogoutScope = z.infer<typeof logoutRequestSchema>["scope"];
