import { errorBodySchema } from "../contracts/auth";
import { HttpError } from "./http-error";

/**
 * Ends every other login of the signed-in user and keeps this one. The refresh cookie names
 * the login, so this goes to the auth endpoint like a sign-out, not through the data provider.
 */
export async function signOutOtherDevices(fetchFn: typeof fetch = (input, init) => fetch(input, init)): Promise<void> {
  const response = await fetchFn("/api/auth/logout", {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify({ scope: "others" }),
  });
  if (response.ok) return;
  const body = errorBodySchema.safeParse(await response.json().catch(() => null));
  throw new HttpError(body.success ? body.data.detail : `The server answered ${response.status}.`, response.status);
}
