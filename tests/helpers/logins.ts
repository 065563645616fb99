import { refreshTokenKeys } from "@/lib/auth/config";
import { readRefreshToken } from "@/lib/auth/sessions/refresh-token";
import type { Db } from "@/lib/db/client";
import { TEST_SECRET } from "./test-app";

/** The refresh-token keys of the test servers (their JWT_SECRET is TEST_SECRET). */
export const testRefreshKeys = refreshTokenKeys(TEST_SECRET);

/** The login and generation a refresh token of the test servers names. */
export function tokenParts(token: string): { loginId: string; generation: number } {
  const read = readRefreshToken(token, testRefreshKeys);
  if (read?.format !== "sealed") throw new Error(`not a sealed refresh token of the test servers: ${token.slice(0, 12)}…`);
  return { loginId: read.loginId, generation: read.generation };
}

/** The login row behind a refresh token. */
export const loginOf = (db: Db, token: string) => db.login.findUniqueOrThrow({ where: { id: tokenParts(token).loginId } });

/** The login id (`sid`) an access token names. */
export const sidOf = (accessToken: string): string => JSON.parse(Buffer.from(accessToken.split(".")[1]!, "base64url").toString()).sid;
