import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it, vi } from "vitest";
import { createAuthApi } from "./auth-api";
import { createDeviceKey } from "./dpop/device-key";
import type { PasskeyProof } from "./passkey-proof";
import { thumbprint } from "./dpop/proof";
import { sessionEndMessage } from "./session-messages";
import { FakeTime } from "./testing/fakes";
import { MemoryKeyStore } from "./testing/memory-key-store";

const tokenBody = { access_token: "a.b.c", token_type: "bearer", token_expiry: 300, expires_at: 1_900_000_000, unread_notifications: 0 };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const ORIGIN = "http://localhost:3000";

type Answer = (path: string, dpop: string | null) => Response | Promise<Response>;

function bound(answer: Answer) {
  const store = new MemoryKeyStore();
  const key = createDeviceKey({ store, subtle: crypto.subtle, origin: ORIGIN, clock: { wall: () => Date.now() }, randomId: () => crypto.randomUUID() });
  const sent: { path: string; dpop: string | null; headers: Headers }[] = [];
  const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const path = String(url);
    sent.push({ path, dpop: headers.get("DPoP"), headers });
    return answer(path, headers.get("DPoP"));
  });
  return { store, sent, api: createAuthApi(fetchFn as typeof fetch, new FakeTime(), "/api/auth", key) };
}

/** The server's side of binding: the thumbprint of the proof's key, as `dpop_jkt`. */
const boundAnswer = async (dpop: string | null) => json(200, dpop ? { ...tokenBody, dpop_jkt: await thumbprintOf(dpop) } : tokenBody);
const thumbprintOf = async (proof: string) => {
  const jwk = decodeProtectedHeader(proof).jwk!;
  return thumbprint(await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]));
};

describe("auth api with a device key", () => {
  it("sends a proof for the token endpoint at sign-in and keeps the key the server bound", async () => {
    const { store, sent, api } = bound((_, dpop) => boundAnswer(dpop));
    const outcome = await api.login({ username: "johndoe", password: "secret" });
    expect(outcome).toMatchObject({ ok: true, token: { dpop_jkt: await thumbprintOf(sent[0]!.dpop!) } });
    expect(decodeJwt(sent[0]!.dpop!)).toMatchObject({ htm: "POST", htu: `${ORIGIN}/api/auth/token` });
    expect(await thumbprint(store.slots.get("current")!.publicKey)).toBe(await thumbprintOf(sent[0]!.dpop!));
  });

  it("binds the second step and a passkey sign-in too, but never a re-authentication", async () => {
    const { sent, store, api } = bound(() => json(200, tokenBody));
    await api.secondStep("mfa", { otp: "123456" });
    await api.passkeySignIn({ challenge_id: "c", credential: {} as PasskeyProof["credential"] });
    await api.reauthenticate("t", "secret");
    expect(sent.map((s) => [s.path, s.dpop !== null])).toEqual([
      ["/api/auth/token", true],
      ["/api/auth/token", true],
      ["/api/auth/reauthenticate", false],
    ]);
    // The server bound neither (no dpop_jkt): nothing is kept, so refreshes send no proof.
    expect(store.slots.has("current")).toBe(false);
    await api.refresh();
    expect(sent.at(-1)!.dpop).toBeNull();
  });

  it("sends a proof with every refresh once bound, and none after signing out", async () => {
    const { sent, store, api } = bound((path, dpop) => (path.endsWith("/logout") ? new Response(null, { status: 204 }) : boundAnswer(path.endsWith("/token") ? dpop : null)));
    await api.login({ username: "johndoe", password: "secret" });
    const key = await thumbprint(store.slots.get("current")!.publicKey);
    await api.refresh();
    await api.refresh({ probe: true });
    const proofs = sent.filter((s) => s.path.endsWith("/refresh-token")).map((s) => s.dpop!);
    expect(proofs.map((p) => decodeJwt(p).htu)).toEqual([`${ORIGIN}/api/auth/refresh-token`, `${ORIGIN}/api/auth/refresh-token`]);
    expect(await Promise.all(proofs.map(thumbprintOf))).toEqual([key, key]);
    expect(sent.at(-1)!.headers.get("X-Session-Probe")).toBe("1");

    await api.logout();
    expect(store.slots.size).toBe(0);
    await api.refresh();
    expect(sent.at(-1)!.dpop).toBeNull();
  });

  it("reads DPOP_REQUIRED as a key this browser lost, and keeps nothing it cannot use", async () => {
    const { api } = bound(() => json(401, { detail: "This login is bound to a device key.", code: "DPOP_REQUIRED" }));
    const outcome = await api.refresh();
    expect(outcome).toMatchObject({ ok: false, kind: "rejected", reason: "device_key_lost", code: "DPOP_REQUIRED" });
    expect(sessionEndMessage("device_key_lost")).toMatch(/sign in again/);
  });

  it("tries a refresh refused with DPOP_INVALID once more with a fresh proof, and keeps the key", async () => {
    const { sent, store, api } = bound((path) =>
      path.endsWith("/token") ? json(200, { ...tokenBody, dpop_jkt: "bound" }) : json(401, { detail: "Bad proof.", code: "DPOP_INVALID" }),
    );
    await api.login({ username: "johndoe", password: "secret" });
    expect(await api.refresh()).toMatchObject({ kind: "rejected", code: "DPOP_INVALID" });
    const refreshes = sent.filter((s) => s.path.endsWith("/refresh-token"));
    expect(refreshes).toHaveLength(2);
    expect(decodeJwt(refreshes[0]!.dpop!).jti).not.toBe(decodeJwt(refreshes[1]!.dpop!).jti);
    expect(store.slots.has("current")).toBe(true);
  });

  it("forgets the key when the server ended the login", async () => {
    let ended = false;
    const { store, api } = bound((path) =>
      path.endsWith("/token") ? json(200, { ...tokenBody, dpop_jkt: "bound" }) : ended ? json(401, { detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" }) : json(200, tokenBody),
    );
    await api.login({ username: "johndoe", password: "secret" });
    await api.refresh();
    expect(store.slots.has("current")).toBe(true);
    ended = true;
    await api.refresh();
    expect(store.slots.size).toBe(0);
  });

  it("forgets a key left behind once the browser has no refresh cookie at all", async () => {
    let cookie = true;
    const { store, api } = bound((path, dpop) => (cookie ? boundAnswer(path.endsWith("/token") ? dpop : null) : new Response(null, { status: 204 })));
    await api.login({ username: "johndoe", password: "secret" });
    cookie = false;
    expect(await api.refresh({ probe: true })).toMatchObject({ kind: "none" });
    expect(store.slots.size).toBe(0);
  });

  it("signs in unbound, and says nothing, when the key cannot be stored or the server will not take the proof", async () => {
    const broken = bound((_, dpop) => json(200, dpop ? { ...tokenBody, dpop_jkt: "bound" } : tokenBody));
    broken.store.broken = true;
    expect(await broken.api.login({ username: "johndoe", password: "secret" })).toEqual({ ok: true, token: tokenBody });
    expect(broken.sent[0]!.dpop).toBeNull();

    const refusing = bound((_, dpop) => (dpop ? json(401, { detail: "Bad proof.", code: "DPOP_INVALID" }) : json(200, tokenBody)));
    expect(await refusing.api.login({ username: "johndoe", password: "secret" })).toEqual({ ok: true, token: tokenBody });
    expect(refusing.sent.map((s) => s.dpop !== null)).toEqual([true, false]);
    expect(refusing.store.slots.has("current")).toBe(false);
  });

  it("keeps the previous key when a sign-in is refused", async () => {
    let password = "secret";
    const { store, api } = bound(() => (password === "secret" ? json(200, { ...tokenBody, dpop_jkt: "bound" }) : json(401, { detail: "Incorrect username or password" })));
    await api.login({ username: "johndoe", password });
    const kept = store.slots.get("current");
    password = "typo";
    expect(await api.login({ username: "johndoe", password })).toMatchObject({ kind: "rejected" });
    expect(store.slots.get("current")).toBe(kept);
  });
});
