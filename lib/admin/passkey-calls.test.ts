import type { RegistrationResponseJSON } from "@simplewebauthn/browser";
import { describe, expect, it, vi } from "vitest";
import type { HttpClient, HttpOptions } from "./http-client";
import { HttpError } from "./http-error";
import { createPasskeyCalls } from "./passkey-calls";

const creationOptions = { challenge: "abc", rp: { name: "Gatehouse", id: "localhost" }, user: { id: "dQ", name: "jane", displayName: "Jane" }, pubKeyCredParams: [] };
const row = { id: 1, name: "Chrome on Linux", createdAt: "2026-12-07T11:00:00.000Z", lastUsedAt: null, deviceType: "multiDevice", backedUp: true, transports: ["internal"] };
const credential = { id: "cred", rawId: "cred", type: "public-key", response: {}, clientExtensionResults: {} } as unknown as RegistrationResponseJSON;
const answer = (json: unknown) => ({ status: 200, headers: new Headers(), body: JSON.stringify(json), json });

describe("passkey calls", () => {
  it("adds a passkey: the options, the browser's prompt with them, then the name and credential saved", async () => {
    const httpClient = vi.fn<HttpClient>(async (url: string) => answer(url.endsWith("/options") ? creationOptions : row));
    const create = vi.fn(async () => credential);
    expect(await createPasskeyCalls(httpClient, "/api", create).addPasskey("Chrome on Linux")).toEqual(row);
    expect(create).toHaveBeenCalledWith(creationOptions);
    const calls = httpClient.mock.calls.map(([url, init]: [string, HttpOptions?]) => [url, init?.method, init?.body ? JSON.parse(String(init.body)) : undefined]);
    expect(calls).toEqual([
      ["/api/account/passkeys/options", "POST", undefined],
      ["/api/account/passkeys", "POST", { name: "Chrome on Linux", credential }],
    ]);
  });

  it("saves nothing when the prompt is closed or the options were refused", async () => {
    const httpClient = vi.fn<HttpClient>(async () => answer(creationOptions));
    const closed = Object.assign(new Error("closed"), { name: "NotAllowedError" });
    await expect(createPasskeyCalls(httpClient, "/api", async () => Promise.reject(closed)).addPasskey("x")).rejects.toBe(closed);
    expect(httpClient).toHaveBeenCalledTimes(1);
    const refused = vi.fn<HttpClient>(async () => Promise.reject(new HttpError("Not saved: confirmation needed.", 401)));
    const create = vi.fn(async () => credential);
    await expect(createPasskeyCalls(refused, "/api", create).addPasskey("x")).rejects.toThrow("Not saved");
    expect(create).not.toHaveBeenCalled();
  });

  it("reads the passkey count from /api/auth/me", async () => {
    const httpClient = vi.fn<HttpClient>(async () => answer({ id: 1, username: "jane", passkeyCount: 2 }));
    expect(await createPasskeyCalls(httpClient).passkeyCount()).toBe(2);
    expect(httpClient).toHaveBeenCalledWith("/api/auth/me");
  });
});
