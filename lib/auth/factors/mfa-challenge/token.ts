import { createHash, randomBytes } from "node:crypto";

/** 256 random bits: the mfa_token is a bearer secret for five minutes. */
export const newMfaToken = (): string => randomBytes(32).toString("base64url");

/** Only this is stored, so a copy of the database finishes no sign-in. */
export const hashMfaToken = (token: string): string => createHash("sha256").update(token).digest("hex");
