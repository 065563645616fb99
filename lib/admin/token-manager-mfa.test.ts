import { describe, expect, it } from "vitest";
import { tabLocalLocks } from "./locks";
import { channelHub, FakeAuthApi, FakeTime, settle } from "./testing/fakes";
import { createTokenManager, type SessionEvent } from "./token-manager";

/** Two tabs of one browser, for an account with a second factor. */
function browser() {
  const time = new FakeTime();
  const api = new FakeAuthApi(time);
  api.secondFactor = { otp: "123456", recoveryCodes: ["aaaaa-bbbbb", "ccccc-ddddd"] };
  const hub = channelHub();
  const locks = tabLocalLocks();
  function tab() {
    const events: SessionEvent[] = [];
    const tokens = createTokenManager({ api, locks, channel: hub.connect(), clock: time, timers: time, random: () => 0.5 });
    tokens.subscribe((event) => events.push(event));
    return { tokens, events };
  }
  const answered = async <T>(pending: Promise<T>) => {
    await time.advance(20);
    return pending;
  };
  return { time, api, tab, answered };
}

describe("token manager, the sign-in's second step", () => {
  it("answers the right password with the challenge and no session", async () => {
    const { api, tab, answered } = browser();
    const { tokens, events } = tab();
    const result = await answered(tokens.login("johndoe", "secret"));
    expect(result).toEqual({ ok: false, status: 403, detail: "A second factor is required.", secondStep: { mfaToken: "challenge-1", methods: ["totp", "recovery_code"] } });
    expect(tokens.status()).toBe("unknown");
    expect(events).toEqual([]);
    expect(api.issued).toEqual([]);
  });

  it("signs in with a code for the challenge, in every tab", async () => {
    const { tab, answered } = browser();
    const a = tab();
    const b = tab();
    const first = await answered(a.tokens.login("johndoe", "secret"));
    if (first.ok || !first.secondStep) throw new Error("expected a second step");
    expect(await answered(a.tokens.completeLogin(first.secondStep, { otp: "123456" }))).toEqual({ ok: true });
    expect(a.tokens.status()).toBe("signed-in");
    expect(await a.tokens.token()).toBe("token-1");
    expect(a.events).toEqual([{ type: "signed-in" }]);
    await settle();
    expect(await b.tokens.token()).toBe("token-1");
  });

  it("passes on a wrong code's refusal and keeps nobody signed in, so the form can ask again", async () => {
    const { tab, answered } = browser();
    const { tokens } = tab();
    const first = await answered(tokens.login("johndoe", "secret"));
    if (first.ok || !first.secondStep) throw new Error("expected a second step");
    expect(await answered(tokens.completeLogin(first.secondStep, { otp: "000000" }))).toEqual({ ok: false, status: 401, detail: "That code is not right.", code: "MFA_CODE_INVALID" });
    expect(tokens.status()).toBe("unknown");
    expect(await answered(tokens.completeLogin(first.secondStep, { otp: "123456" }))).toEqual({ ok: true });
  });

  it("tells how many recovery codes are left after signing in with one", async () => {
    const { tab, answered } = browser();
    const { tokens } = tab();
    const first = await answered(tokens.login("johndoe", "secret"));
    if (first.ok || !first.secondStep) throw new Error("expected a second step");
    expect(await answered(tokens.completeLogin(first.secondStep, { recovery_code: "ccccc-ddddd" }))).toEqual({ ok: true, recoveryCodesLeft: 1 });
    expect(tokens.status()).toBe("signed-in");
  });

  it("re-authenticates an account with a second factor only with a code, and says when one is missing", async () => {
    const { api, tab, answered } = browser();
    const { tokens } = tab();
    const first = await answered(tokens.login("johndoe", "secret"));
    if (first.ok || !first.secondStep) throw new Error("expected a second step");
    await answered(tokens.completeLogin(first.secondStep, { otp: "123456" }));
    expect(await answered(tokens.reauthenticate("secret"))).toMatchObject({ ok: false, status: 401, code: "MFA_REQUIRED" });
    expect(await tokens.token()).toBe("token-1");
    expect(await answered(tokens.reauthenticate("secret", { otp: "123456" }))).toEqual({ ok: true });
    expect(await tokens.token()).toBe("token-2");
    expect(api.reauthenticatedWith).toEqual(["token-1", "token-1"]);
  });
});
