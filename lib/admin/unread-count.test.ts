import { describe, expect, it } from "vitest";
import type { AuthApi, AuthOutcome } from "./auth-api";
import { tabLocalLocks } from "./locks";
import { channelHub, FakeAuthApi, FakeTime, settle } from "./testing/fakes";
import { createTokenManager } from "./token-manager";
import { createUnreadCount, withUnreadCount } from "./unread-count";

const answer = (unread: number): AuthOutcome => ({
  ok: true,
  token: { access_token: "a.b.c", token_type: "bearer", token_expiry: 300, expires_at: 1_900_000_000, unread_notifications: unread },
});

function fakeApi(outcome: AuthOutcome): AuthApi {
  const give = () => Promise.resolve(outcome);
  return { login: give, refresh: give, logout: () => Promise.resolve(true), secondStep: give, reauthenticate: give, passkeySignIn: give, reauthenticateWithPasskey: give };
}

describe("unread count", () => {
  it("reads unread_notifications from every kind of token answer", async () => {
    const hub = channelHub();
    const unread = createUnreadCount(hub.connect());
    expect(unread.get()).toBeNull();
    const api = withUnreadCount(fakeApi(answer(2)), unread);
    const calls: (() => Promise<AuthOutcome>)[] = [
      () => api.login({ username: "u", password: "p" }),
      () => api.refresh(),
      () => api.secondStep("mfa", { otp: "123456" }),
      () => api.reauthenticate("jwt", "p"),
      () => api.passkeySignIn({} as Parameters<AuthApi["passkeySignIn"]>[0]),
      () => api.reauthenticateWithPasskey("jwt", {} as Parameters<AuthApi["passkeySignIn"]>[0]),
    ];
    for (const call of calls) {
      unread.set(0);
      await call();
      expect(unread.get()).toBe(2);
    }
  });

  it("leaves the count alone on a refused answer", async () => {
    const unread = createUnreadCount(channelHub().connect());
    unread.set(3);
    await withUnreadCount(fakeApi({ ok: false, kind: "rejected", status: 401, detail: "no" }), unread).refresh();
    expect(unread.get()).toBe(3);
  });

  it("travels to the other tabs, and a tab that opens later asks for it", async () => {
    const hub = channelHub();
    const first = createUnreadCount(hub.connect());
    const second = createUnreadCount(hub.connect());
    let heard = 0;
    second.subscribe(() => heard++);
    first.set(4);
    await settle();
    expect(second.get()).toBe(4);
    expect(heard).toBe(1);

    second.set(0);
    await settle();
    expect(first.get()).toBe(0);

    const late = createUnreadCount(hub.connect());
    await settle();
    expect(late.get()).toBe(0);
  });

  it("drops to nothing unread when the session is signed out in another tab", async () => {
    const hub = channelHub();
    const unread = createUnreadCount(hub.connect());
    unread.set(5);
    hub.connect().post({ type: "signed-out", reason: null });
    await settle();
    expect(unread.get()).toBe(0);
  });

  it("shares the tokens' channel without disturbing the session", async () => {
    const time = new FakeTime();
    const hub = channelHub();
    const channel = hub.connect();
    const unread = createUnreadCount(channel);
    const tokens = createTokenManager({ api: withUnreadCount(new FakeAuthApi(time, 100), unread), locks: tabLocalLocks(), channel, clock: time, timers: time, random: () => 0.5 });
    const login = tokens.login("johndoe", "secret");
    await time.advance(20);
    await login;
    expect(unread.get()).toBe(0);

    const otherTab = hub.connect();
    otherTab.post({ type: "unread", count: 3 });
    otherTab.post({ type: "unread-request" });
    await settle();
    expect(tokens.status()).toBe("signed-in");
    expect(unread.get()).toBe(3);
    expect(hub.log.at(-1)).toEqual({ type: "unread", count: 3 });
    tokens.dispose();
  });
});
