import type { BrowserContext } from "@playwright/test";

type Cookie = Awaited<ReturnType<BrowserContext["cookies"]>>[number];

/**
 * The login and generation a browser's refresh cookie names, read from the token's bytes
 * (`version | login id (16) | generation (4) | …`, lib/auth/sessions/refresh-token.ts). Checking its
 * seal is the server's business; tests only need to know where a browser stands.
 */
export function refreshCookieOf(cookies: Cookie[]): { loginId: string; generation: number; value: string } {
  const cookie = cookies.find((c) => c.name.endsWith("gatehouse_refresh"));
  if (!cookie) throw new Error(`no refresh cookie among ${cookies.map((c) => c.name).join(", ") || "no cookies"}`);
  const bytes = Buffer.from(cookie.value, "base64url");
  const hex = bytes.subarray(1, 17).toString("hex");
  const loginId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { loginId, generation: bytes.readUInt32BE(17), value: cookie.value };
}
