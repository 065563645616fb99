import { describe, expect, it } from "vitest";
import { tabLocalLocks } from "./locks";
import { sessionEndMessage } from "./session-messages";
import { channelHub, FakeAuthApi, FakeTime, noSession, rejected, settle, transient } from "./testing/fakes";
import { createTokenManager, type SessionEvent, SIGNED_OUT_ELSEWHERE } from "./token-manager";

const TTL_S = 100;
const LIFETIME = TTL_S * 1000;

/** Tabs of one browser: shared lock manager, channel and cookie (the fake API), separate memory. */
function browser(options: { ttlSeconds?: number } = {}) {
  const time = new FakeTime();
  const api = new FakeAuthApi(time, options.ttlSeconds ?? TTL_S);
  const hub = channelHub();
  const locks = tabLocalLocks();
  const wakes: (() => void)[] = [];
  function tab() {
    const events: SessionEvent[] = [];
    const tokens = createTokenManager({
      api,
      locks,
      channel: hub.connect(),
      clock: time,
      timers: time,
      onWake: (listener) => {
        wakes.push(listener);
        return () => {};
      },
      random: () => 0.5,
    });
    tokens.subscribe((event) => events.push(event));
    return { tokens, events, wake: () => wakes.forEach((w) => w()) };
  }
  /** Signs a tab in and lets the fake server answer. */
  async function signIn(t: ReturnType<typeof tab>) {
    const login = t.tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
  }
  return { time, api, hub, tab, signIn };
}

describe("token manager, one tab", () => {
  it("keeps the token in memory and refreshes at 80% of token_expiry counted from receipt", async () => {
    const { time, api, tab } = browser();
    const { tokens } = tab();
    const login = tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
    expect(await tokens.token()).toBe("token-1");

    await time.advance(LIFETIME * 0.8 - 1);
    expect(api.calls.refresh).toBe(0);
    await time.advance(1 + 20);
    expect(api.calls.refresh).toBe(1);
    expect(await tokens.token()).toBe("token-2");
  });

  it("after a reload waits for one refresh through the cookie, shared by every caller", async () => {
    const { time, api, tab } = browser();
    const { tokens } = tab();
    const first = tokens.token();
    const second = tokens.token();
    await time.advance(1000);
    expect(await Promise.all([first, second])).toEqual(["token-1", "token-1"]);
    expect(api.calls.refresh).toBe(1);
    expect(tokens.status()).toBe("signed-in");
  });

  it("answers null without a session, quietly and without telling other tabs", async () => {
    const { time, api, hub, tab } = browser();
    const { tokens, events } = tab();
    api.script(noSession());
    const pending = tokens.token();
    await time.advance(1000);
    expect(await pending).toBeNull();
    expect(tokens.status()).toBe("signed-out");
    expect(tokens.signOutReason()).toBeNull();
    expect(events).toEqual([]);
    expect(hub.log.filter((m) => m.type === "signed-out")).toEqual([]);
  });

  it("retries network failures with backoff and never signs out for them", async () => {
    const { time, api, tab } = browser();
    const { tokens } = tab();
    const login = tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
    api.script(transient(0), transient(502), transient(503));
    await time.advance(LIFETIME * 0.8 + 20);
    expect(api.calls.refresh).toBe(1);
    expect(tokens.status()).toBe("signed-in");
    await time.advance(10_000);
    expect(api.calls.refresh).toBe(4);
    expect(tokens.status()).toBe("signed-in");
    expect(await tokens.token()).toBe(api.issued.at(-1));
  });

  it("ends the session everywhere with the server's message when the refresh is refused", async () => {
    const { time, api, hub, tab, signIn } = browser();
    const a = tab();
    const b = tab();
    await signIn(a);
    api.script(rejected("The refresh token has expired or was not found.", "revoked_by_admin"));
    await time.advance(LIFETIME * 0.8 + 20);

    const expected = { type: "signed-out", reason: "An administrator signed you out.", resumable: true };
    expect(a.events.at(-1)).toEqual(expected);
    expect(b.events.at(-1)).toEqual(expected);
    expect(b.tokens.signOutReason()).toBe(expected.reason);
    expect(await a.tokens.token()).toBeNull();
    expect(await b.tokens.token()).toBeNull();
    expect(hub.log.filter((m) => m.type === "signed-out")).toHaveLength(1);
    expect(api.calls.logout).toBe(1);
  });

  it("refreshes a token that went stale while the machine slept, as soon as the tab wakes", async () => {
    const { time, api, tab } = browser();
    const { tokens, wake } = tab();
    const login = tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
    time.suspend(LIFETIME * 2);
    wake();
    await time.advance(20);
    expect(api.calls.refresh).toBe(1);
    expect(await tokens.token()).toBe("token-2");
  });

  it("does not send a token about to expire: token() refreshes first", async () => {
    const { time, api, tab } = browser();
    const { tokens } = tab();
    const login = tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
    time.suspend(LIFETIME * 0.99);
    const pending = tokens.token();
    await time.advance(20);
    expect(await pending).toBe("token-2");
    expect(api.calls.refresh).toBe(1);
  });

  it("renew() after a 401 refreshes once, even when the refused token looked fresh", async () => {
    const { time, api, tab } = browser();
    const { tokens } = tab();
    const login = tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
    const renewals = [tokens.renew("token-1"), tokens.renew("token-1")];
    await time.advance(20);
    expect(await Promise.all(renewals)).toEqual(["token-2", "token-2"]);
    expect(api.calls.refresh).toBe(1);
  });

  it("reports a wrong password without touching the session", async () => {
    const { time, tab } = browser();
    const { tokens } = tab();
    const login = tokens.login("johndoe", "wrong");
    await time.advance(20);
    expect(await login).toEqual({ ok: false, status: 401, detail: "Incorrect username or password" });
    expect(tokens.status()).toBe("unknown");
  });
});

describe("token manager, step-up re-authentication", () => {
  it("proves the password again with a current token and adopts the answer in every tab, without a new sign-in", async () => {
    const { time, api, tab, signIn } = browser();
    const a = tab();
    const b = tab();
    await signIn(a);
    await settle();
    const confirming = a.tokens.reauthenticate("secret");
    await time.advance(20);
    expect(await confirming).toEqual({ ok: true });
    expect(api.reauthenticatedWith).toEqual(["token-1"]);
    expect(await a.tokens.token()).toBe("token-2");
    await settle();
    expect(await b.tokens.token()).toBe("token-2");
    expect(a.events).toEqual([{ type: "signed-in" }]);
    expect(api.calls.refresh).toBe(0);
  });

  it("reports a wrong password and leaves the session exactly as it was", async () => {
    const { time, api, tab, signIn } = browser();
    const a = tab();
    await signIn(a);
    const confirming = a.tokens.reauthenticate("wrong");
    await time.advance(20);
    expect(await confirming).toEqual({ ok: false, status: 401, detail: "Incorrect username or password" });
    expect(a.tokens.status()).toBe("signed-in");
    expect(await a.tokens.token()).toBe("token-1");
    expect(api.calls.logout).toBe(0);
    expect(a.events).toEqual([{ type: "signed-in" }]);
  });

  it("does not bring back a session that ended while the password was being checked", async () => {
    const { time, tab, signIn } = browser();
    const a = tab();
    await signIn(a);
    const confirming = a.tokens.reauthenticate("secret");
    a.tokens.endSession("The server no longer accepts this session.");
    await time.advance(20);
    expect(await confirming).toMatchObject({ ok: false, status: 401 });
    expect(a.tokens.status()).toBe("signed-out");
  });
});

describe("token manager, several tabs", () => {
  it("a new tab borrows a live token from another tab instead of refreshing", async () => {
    const { time, api, tab, signIn } = browser();
    const a = tab();
    await signIn(a);

    const b = tab();
    const pending = b.tokens.token();
    await time.advance(200);
    expect(await pending).toBe("token-1");
    expect(api.calls.refresh).toBe(0);
  });

  it("makes one refresh per lifetime between tabs, and every tab ends up with the new token", async () => {
    const { time, api, tab, signIn } = browser();
    const tabs = [tab(), tab(), tab()];
    await signIn(tabs[0]!);
    await settle();

    for (let lifetime = 1; lifetime <= 5; lifetime++) {
      await time.advance(LIFETIME);
      expect(api.calls.refresh).toBeLessThanOrEqual(Math.ceil((lifetime * LIFETIME) / (LIFETIME * 0.8)));
    }
    expect(api.calls.refresh).toBeGreaterThanOrEqual(5);
    const latest = api.issued.at(-1);
    for (const t of tabs) expect(await t.tokens.token()).toBe(latest);
  });

  it("a tab that waited for the lock uses the token the holder just got", async () => {
    const { time, api, tab, signIn } = browser();
    const a = tab();
    const b = tab();
    await signIn(a);
    await settle();
    // Both tabs find the same token refused at the same moment.
    const renewals = [a.tokens.renew("token-1"), b.tokens.renew("token-1")];
    await time.advance(500);
    expect(await Promise.all(renewals)).toEqual(["token-2", "token-2"]);
    expect(api.calls.refresh).toBe(1);
  });

  it("signing out in one tab signs every tab out and revokes the session once", async () => {
    const { time, api, tab, signIn } = browser();
    const a = tab();
    const b = tab();
    await signIn(a);
    await settle();
    expect(await b.tokens.token()).toBe("token-1");

    const signOut = a.tokens.signOut();
    await time.advance(20);
    await signOut;
    expect(b.events.at(-1)).toEqual({ type: "signed-out", reason: SIGNED_OUT_ELSEWHERE, resumable: false });
    expect(b.tokens.signOutReason()).toBe(SIGNED_OUT_ELSEWHERE);
    expect(a.tokens.signOutReason()).toBeNull();
    expect(await b.tokens.token()).toBeNull();
    expect(await a.tokens.token()).toBeNull();
    expect(api.calls.logout).toBe(1);
    await time.advance(LIFETIME * 3);
    expect(api.calls.refresh).toBe(0);
  });

  it("a tab that signed out ignores a late token from the old session", async () => {
    const { time, hub, tab } = browser();
    const a = tab();
    const signOut = a.tokens.signOut();
    await time.advance(20);
    await signOut;
    hub.connect().post({ type: "token", token: { value: "late", lifetimeMs: LIFETIME, remainingMs: LIFETIME } });
    await settle();
    expect(await a.tokens.token()).toBeNull();
  });

  it("a token shared by another tab keeps its remaining lifetime, not a fresh one", async () => {
    const { time, api, hub, tab } = browser();
    const a = tab();
    hub.connect().post({ type: "token", token: { value: "shared", lifetimeMs: LIFETIME, remainingMs: LIFETIME * 0.5 } });
    await settle();
    expect(await a.tokens.token()).toBe("shared");
    await time.advance(LIFETIME * 0.3 - 1);
    expect(api.calls.refresh).toBe(0);
    await time.advance(1 + 200);
    expect(api.calls.refresh).toBe(1);
  });
});

describe("token manager, how a session ends", () => {
  it("probes on load: no cookie is a quiet signed-out, and only that first refresh is a probe", async () => {
    const { time, api, hub, tab, signIn } = browser();
    const { tokens, events } = tab();
    api.script(noSession());
    const pending = tokens.token();
    await time.advance(1000);
    expect(await pending).toBeNull();
    expect(tokens.signOutReason()).toBeNull();
    expect(events).toEqual([]);
    expect(hub.log.filter((m) => m.type === "signed-out")).toEqual([]);

    const next = tab();
    const restored = next.tokens.token();
    await time.advance(1000);
    expect(await restored).toBe("token-1");
    await signIn(next);
    await time.advance(LIFETIME * 0.8 + 20);
    expect(api.probes).toEqual([true, true, false]);
  });

  // Without a reason, a copy of an old token (a stale saved storageState) was refused: a plain end, never an accusation.
  it.each([
    { refusal: "with the server's reason", reason: "password_changed" as const, says: sessionEndMessage("password_changed") },
    { refusal: "without a reason", reason: undefined, says: "Your session has ended. Please sign in again." },
    // A copied cookie in another browser, or this one's storage cleared: the login is the key holder's, never ended from here.
    { refusal: "for want of the device key", reason: "device_key_lost" as const, says: sessionEndMessage("device_key_lost") },
  ])("a reload whose cookie is refused $refusal says why the session ended, without telling other tabs", async ({ reason, says }) => {
    const { time, api, hub, tab } = browser();
    const { tokens, events } = tab();
    api.script(rejected("The refresh token has expired or was not found.", reason));
    const pending = tokens.token();
    await time.advance(1000);
    expect(await pending).toBeNull();
    expect(tokens.status()).toBe("signed-out");
    expect(tokens.signOutReason()).toBe(says);
    expect(events).toEqual([]);
    expect(hub.log.filter((m) => m.type === "signed-out")).toEqual([]);
    expect(api.calls.logout).toBe(0);
  });

  it("a refusal without a reason reads as a plain ended session, or as the cap once it has passed", async () => {
    const plain = browser();
    const a = plain.tab();
    await plain.signIn(a);
    plain.api.script(rejected());
    await plain.time.advance(LIFETIME * 0.8 + 20);
    expect(a.events.at(-1)).toEqual({ type: "signed-out", reason: sessionEndMessage("refused"), resumable: true });

    const capped = browser();
    capped.api.sessionSeconds = 60;
    const b = capped.tab();
    await capped.signIn(b);
    expect(b.tokens.sessionEndsAt()).toBe(capped.time.wall() + 60_000);
    // The browser drops the cookie at the cap: the server sees none and gives no reason.
    capped.api.script(rejected());
    await capped.time.advance(LIFETIME * 0.8 + 20);
    expect(b.events.at(-1)).toEqual({ type: "signed-out", reason: sessionEndMessage("session_limit"), resumable: true });
  });

  it("restoring on load says the server is unreachable after a while, without signing anyone out", async () => {
    const { time, api, tab } = browser();
    const { tokens, events } = tab();
    api.script(...Array.from({ length: 20 }, () => transient(0)));
    const pending = tokens.token();
    await time.advance(9_000);
    expect(tokens.status()).toBe("unknown");
    await time.advance(10_000);
    expect(await pending).toBeNull();
    expect(tokens.signOutReason()).toBe(sessionEndMessage("unreachable"));
    expect(events).toEqual([]);
    expect(api.calls.logout).toBe(0);
  });

  it("a signed-in tab keeps retrying on the network however long it takes", async () => {
    const { time, api, tab, signIn } = browser();
    const a = tab();
    await signIn(a);
    api.script(...Array.from({ length: 8 }, () => transient(0)));
    await time.advance(LIFETIME * 0.8 + 60_000);
    expect(a.tokens.status()).toBe("signed-in");
    expect(a.events.filter((e) => e.type === "signed-out")).toEqual([]);
  });

  it("a new login is announced even when it replaces a live session, so the cap can move", async () => {
    const { time, api, tab, signIn } = browser();
    api.sessionSeconds = 1000;
    const a = tab();
    await signIn(a);
    const firstCap = a.tokens.sessionEndsAt();
    await time.advance(5_000);
    await signIn(a);
    expect(a.events.map((e) => e.type)).toEqual(["signed-in", "signed-in"]);
    expect(a.tokens.sessionEndsAt()).toBe(firstCap! + 5_020);
  });

  it("a disabled account or a sign-out from another device is not offered a sign-in in place, in any tab", async () => {
    for (const reason of ["account_disabled", "signed_out_elsewhere"] as const) {
      const { time, api, tab, signIn } = browser();
      const a = tab();
      const b = tab();
      await signIn(a);
      api.script(rejected("The refresh token has expired or was not found.", reason));
      await time.advance(LIFETIME * 0.8 + 20);
      const expected = { type: "signed-out", reason: sessionEndMessage(reason), resumable: false };
      expect(a.events.at(-1)).toEqual(expected);
      expect(b.events.at(-1)).toEqual(expected);
    }
  });
});

