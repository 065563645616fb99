import { settings } from "./settings";

/**
 * Fails sign-ins for `username` through the real endpoint until the server's throttle
 * locks it, a few at a time so the growing delays stay short. Answers the last status.
 */
export async function lockOut(username: string, maxAttempts = 40): Promise<number> {
  let status = 0;
  for (let sent = 0; sent < maxAttempts && status !== 429; sent += 5) {
    const batch = Array.from({ length: 5 }, (_, i) =>
      fetch(`${settings.baseURL}/api/auth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username, password: `wrong-${sent + i}` }),
      }).then((r) => r.status),
    );
    const statuses = await Promise.all(batch);
    status = statuses.includes(429) ? 429 : statuses.at(-1)!;
  }
  return status;
}
