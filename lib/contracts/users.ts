import { z } from "zod";
import { roleSchema } from "./auth";
import { MAX_ID } from "./invoice";
import { lineText, secretText } from "./text";

const recordId = z.number().int().min(1, "Not a valid id").max(MAX_ID, "Not a valid id");

/** A user as the admin screens see it; never a password hash. */
export const userRowSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  activeSessions: z.number().int(),
  /** Signs in with a TOTP second step. */
  totpEnabled: z.boolean(),
  /** Passkeys registered; the second-factor reset removes them. */
  passkeyCount: z.number().int().min(0),
});
export type UserRow = z.infer<typeof userRowSchema>;

const fullName = lineText().trim().min(1, "Name is required").max(200, "Name is too long");
const email = lineText().trim().max(254, "Email is too long").pipe(z.email("Not a valid email address"));
/** The policy itself (length, common passwords) is checked by the server, which knows the list. */
const password = secretText().min(1, "Enter a password").max(1024, "Password is too long");

export const userCreateSchema = z.object({
  username: lineText()
    .trim()
    .min(1, "Username is required")
    .max(150, "Username is too long")
    .regex(/^[\p{L}\p{N}._@+-]+$/u, "Use letters, digits and . _ @ + - only"),
  fullName,
  email,
  role: roleSchema.default("user"),
  password,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

/**
 * Changes only what it names. react-admin sends the whole record back, so unknown keys
 * (id, username, createdAt …) are dropped, and an empty password means "leave it".
 */
export const userUpdateSchema = z.object({
  fullName: fullName.optional(),
  email: email.optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  password: z.union([z.literal(""), z.null(), password]).optional().transform((value) => value || undefined),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userSortFields = ["id", "username", "fullName", "email", "role", "disabled", "createdAt"] as const;

export const userFilterSchema = z
  .object({
    q: lineText().max(200).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    totpEnabled: z.boolean().optional(),
    id: z.array(recordId).max(1000).optional(),
  })
  .strict();
export type UserFilter = z.infer<typeof userFilterSchema>;
