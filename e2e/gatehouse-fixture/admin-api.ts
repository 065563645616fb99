import type { APIRequest } from "@playwright/test";
import type { Endpoint, SharedLogin } from "./shared-login";

export interface WorkerUser {
  id: number;
  username: string;
  password: string;
  fullName: string;
  role: "user" | "admin";
}

/**
 * The admin API with a bearer token, on a login of its own that no browser holds, so its
 * refreshes never move a login out from under a test's page.
 */
export class AdminApi {
  constructor(
    private readonly http: APIRequest,
    private readonly endpoint: Endpoint,
    private readonly login: SharedLogin,
  ) {}

  /** One call; throws with the server's answer unless it is 2xx. Answers the parsed JSON body. */
  async send<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await this.login.accessToken();
    const request = await this.http.newContext({ baseURL: this.endpoint.baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    try {
      const response = await request.fetch(path, { method, ...(body === undefined ? {} : { data: body }) });
      const text = await response.text();
      if (!response.ok()) throw new Error(`Gatehouse fixture: ${method} ${path} answered ${response.status()}: ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    } finally {
      await request.dispose();
    }
  }

  async createUser(user: Omit<WorkerUser, "id">): Promise<WorkerUser> {
    const { username, fullName, role, password } = user;
    const created = await this.send<{ id: number }>("POST", "/api/users", { username, fullName, role, password, email: `${username}@example.com` });
    return { ...user, id: created.id };
  }

  /** Deleting a user ends their logins too. A user who still owns records is refused (409) with the reason. */
  async deleteUser(id: number): Promise<void> {
    await this.send("DELETE", `/api/users/${id}`);
  }

  /** Ends the API's own login. */
  close(): Promise<void> {
    return this.login.signOut();
  }
}
