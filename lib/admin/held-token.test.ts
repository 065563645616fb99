import { describe, expect, it } from "vitest";
import { fromPeer, fromResponse, isDue, isExpiring, remainingMs, toPeer, untilRefreshMs } from "./held-token";
import { FakeTime } from "./testing/fakes";

const body = { access_token: "jwt", token_type: "bearer" as const, token_expiry: 300, expires_at: 1, unread_notifications: 0 };

describe("held token", () => {
  it("counts the lifetime from receipt with the relative token_expiry, ignoring expires_at", async () => {
    const time = new FakeTime();
    const token = fromResponse(body, time);
    expect(remainingMs(token, time)).toBe(300_000);
    expect(untilRefreshMs(token, time)).toBe(240_000);
    await time.advance(240_000);
    expect(isDue(token, time)).toBe(true);
  });

  it("counts time the machine slept, although the monotonic clock paused", () => {
    const time = new FakeTime();
    const token = fromResponse(body, time);
    time.suspend(600_000);
    expect(remainingMs(token, time)).toBe(-300_000);
    expect(isExpiring(token, time)).toBe(true);
  });

  it("is not fooled by the wall clock being set back", async () => {
    const time = new FakeTime();
    const token = fromResponse(body, time);
    await time.advance(100_000);
    time.wallNow -= 3_600_000;
    expect(remainingMs(token, time)).toBe(200_000);
  });

  it("hands another tab the remaining lifetime, which that tab counts on its own clocks", async () => {
    const sender = new FakeTime();
    const token = fromResponse(body, sender);
    await sender.advance(100_000);
    const shared = toPeer(token, sender);
    expect(shared).toEqual({ value: "jwt", lifetimeMs: 300_000, remainingMs: 200_000, sessionRemainingMs: null });

    const receiver = new FakeTime();
    receiver.monoNow = 17;
    const received = fromPeer(shared, receiver);
    expect(remainingMs(received, receiver)).toBe(200_000);
    expect(untilRefreshMs(received, receiver)).toBe(140_000);
  });

  it("treats the last moments of a token as expiring, so it is not sent", async () => {
    const time = new FakeTime();
    const token = fromResponse({ ...body, token_expiry: 4 }, time);
    await time.advance(3_500);
    expect(isExpiring(token, time)).toBe(false);
    await time.advance(200);
    expect(isExpiring(token, time)).toBe(true);
  });

  it("places the session cap on this tab's clock from the server's own now, and hands it on", async () => {
    const sender = new FakeTime();
    // The server's clock is far off; only the distance between its "now" and the cap counts.
    const token = fromResponse({ ...body, token_expiry: 300, expires_at: 1_000_300, session_expires_at: 1_003_600 }, sender);
    expect(token.sessionEndsAt).toBe(sender.wall() + 3_600_000);
    await sender.advance(600_000);
    const receiver = new FakeTime();
    receiver.wallNow += 12_345;
    expect(fromPeer(toPeer(token, sender), receiver).sessionEndsAt).toBe(receiver.wall() + 3_000_000);
    expect(fromResponse(body, sender).sessionEndsAt).toBeNull();
  });
});
