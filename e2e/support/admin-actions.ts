import { accessToken, ApiClient } from "./api-client";
import { settings } from "./settings";

/** What an administrator does from their own browser, through the real admin API. */
export class AdminActions {
  private constructor(private readonly client: ApiClient) {}

  static async signIn(base = settings.baseURL, username = "johndoe", password = "secret"): Promise<AdminActions> {
    const client = new ApiClient(base);
    await accessToken(await client.login(username, password));
    return new AdminActions(client);
  }

  private async call(path: string, method: string, body?: unknown): Promise<unknown> {
    // The suite's access tokens live a few seconds: each action takes a fresh one, as the dashboard would.
    const token = await accessToken(await this.client.refresh());
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await this.client.send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** "End" on a row of All sessions. */
  endSession = (familyId: string) => this.call(`/api/sessions/${encodeURIComponent(familyId)}`, "DELETE");

  createUser = async (username: string, password: string): Promise<number> => {
    const body = { username, fullName: `E2E ${username}`, email: `${username}@example.com`, role: "user", password };
    return ((await this.call("/api/users", "POST", body)) as { id: number }).id;
  };

  disableUser = (id: number) => this.call(`/api/users/${id}`, "PUT", { disabled: true });
}

/** The user changes their password on another device, which ends their other logins. */
export async function changePasswordElsewhere(username: string, currentPassword: string, newPassword: string, base = settings.baseURL) {
  const device = new ApiClient(base);
  const token = await accessToken(await device.login(username, currentPassword));
  const response = await device.send("/api/auth/password", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ current_password: currentPassword, new_password: newPassword }),
  });
  if (response.status !== 204) throw new Error(`password change: ${response.status} ${await response.text()}`);
}
