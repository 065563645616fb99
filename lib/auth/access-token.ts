import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { z } from "zod";

/** Framework-free access tokens: key, lifetime and clock come in as arguments. */

export const ACCESS_TOKEN_TYPE = "at+jwt";
export const CLOCK_TOLERANCE_SECONDS = 5;
const ALGORITHM = "HS256";

export interface AccessTokenConfig {
  key: Uint8Array;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokenSubject {
  userId: number;
  familyId: string;
  role: "admin" | "user";
  username: string;
}

export interface IssuedAccessToken {
  token: string;
  ttlSeconds: number;
  expiresAt: number;
}

const claimsSchema = z.object({
  sub: z.string().regex(/^\d+$/),
  sid: z.string().min(1),
  role: z.enum(["admin", "user"]),
  username: z.string().min(1),
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});

export type AccessTokenClaims = z.infer<typeof claimsSchema>;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function signAccessToken(
  subject: AccessTokenSubject,
  config: AccessTokenConfig,
  now: Date,
): Promise<IssuedAccessToken> {
  const iat = seconds(now);
  const expiresAt = iat + config.ttlSeconds;
  const token = await new SignJWT({ sid: subject.familyId, role: subject.role, username: subject.username })
    .setProtectedHeader({ alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE })
    .setSubject(String(subject.userId))
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(iat)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(config.key);
  return { token, ttlSeconds: config.ttlSeconds, expiresAt };
}

/** The claims of a valid token, or null for anything else: never throws on bad input. */
export async function verifyAccessToken(
  token: string,
  config: Omit<AccessTokenConfig, "ttlSeconds">,
  now: Date,
): Promise<AccessTokenClaims | null> {
  if (token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, config.key, {
      algorithms: [ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      typ: ACCESS_TOKEN_TYPE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      requiredClaims: ["sub", "sid", "jti", "iat", "exp"],
    });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
