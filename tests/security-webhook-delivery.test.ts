import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { retryAt, WEBHOOK_TIMING } from "@/lib/auth/notifications/webhook/delivery";
import { drain, enqueueNotice, quietLog, testClock, testWorker } from "./helpers/webhook-outbox";
import { type Provisioned, provision } from "./helpers/provision";
import { createUser } from "./helpers/users";
import { signatureValid, type WebhookReceiver, webhookReceiver } from "./helpers/webhook-receiver";

/**
 * The operators' webhook's delivery against a real HTTP receiver on 127.0.0.1 and a real
 * database (both engines): what is sent and how it is signed, the order of a user's events,
 * retries through an outage with nothing lost, giving up after 24 hours, and retention.
 */
let database: Provisioned;
let receiver: WebhookReceiver;
beforeAll(async () => {
  database = await provision();
  receiver = await webhookReceiver();
});
afterAll(async () => {
  await receiver.down();
  await database.dispose();
});
beforeEach(async () => {
  await database.db.securityEventOutbox.deleteMany();
  receiver.received.length = 0;
  receiver.setMode("ok");
});

const rows = () => database.db.securityEventOutbox.findMany({ orderBy: { id: "asc" } });
const SECOND = 1_000;

describe("each event", () => {
  it("is POSTed as { id, type, at, userId, username, detail }, signed over the raw body, with its event id", async () => {
    const user = await createUser(database.db, { prefix: "hook" });
    const at = new Date();
    await enqueueNotice(database, user.id, at, "password_changed");
    await drain(testWorker(database, receiver));

    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received as [(typeof receiver.received)[0]];
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-gatehouse-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureValid(body, headers["x-gatehouse-signature"])).toBe(true);
    expect(signatureValid(body, headers["x-gatehouse-signature"], "another-secret-that-is-long-enough-000000")).toBe(false);
    const payload = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(["at", "detail", "id", "type", "userId", "username"]);
    expect(payload).toEqual({
      id: headers["x-gatehouse-event-id"],
      type: "password_changed",
      at: at.toISOString(),
      userId: user.id,
      username: user.username,
      detail: { device: "Chrome 126 on Mac OS 10.15.7", ip: "203.0.113.7", at: at.toISOString() },
    });
    const [row] = await rows();
    expect(row).toMatchObject({ eventId: payload.id, attempts: 1, lastError: null, claimedBy: null });
    expect(row!.deliveredAt).not.toBeNull();
  });
});

describe("order and retries", () => {
  it("delivers each user's events in order, holding a user's later events while an earlier one fails (HTTP 500)", async () => {
    const [a, b] = [await createUser(database.db), await createUser(database.db)];
    const clock = testClock();
    const worker = testWorker(database, receiver, { now: clock.now });
    const start = Date.now() - 10 * SECOND;
    const order = [a, b, a, a, b].map((user, i) => ({ user, at: new Date(start + i) }));
    for (const { user, at } of order) await enqueueNotice(database, user.id, at);

    receiver.setMode("fail");
    await drain(worker);
    const tried = await rows();
    // Only the oldest event of each user was tried; their later ones waited.
    expect(tried.map((r) => r.attempts)).toEqual([1, 1, 0, 0, 0]);
    expect(worker.failingSince()).not.toBeNull();

    receiver.setMode("ok");
    clock.advance(WEBHOOK_TIMING.firstRetryMs + SECOND);
    await drain(worker);
    const sent = receiver.payloads();
    expect(sent).toHaveLength(5);
    const eventIds = tried.map((r) => r.eventId);
    expect(sent.filter((p) => p.userId === a.id).map((p) => p.id)).toEqual([eventIds[0], eventIds[2], eventIds[3]]);
    expect(sent.filter((p) => p.userId === b.id).map((p) => p.id)).toEqual([eventIds[1], eventIds[4]]);
    expect(worker.failingSince()).toBeNull();
  });

  it("keeps every event through a receiver that refuses connections, backs off, logs the outage once and its end once", async () => {
    const user = await createUser(database.db);
    const clock = testClock();
    const log = quietLog();
    const worker = testWorker(database, receiver, { now: clock.now, log });
    for (let i = 0; i < 3; i++) await enqueueNotice(database, user.id, new Date(Date.now() - 3 * SECOND + i));
    await receiver.down();
    try {
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 4; attempt++) {
        const before = clock.now().getTime();
        await drain(worker);
        const [first] = await rows();
        expect(first).toMatchObject({ attempts: attempt, deliveredAt: null });
        // The first attempt may meet the pooled connection the closing receiver cut instead.
        expect(first!.lastError).toMatch(attempt === 1 ? /ECONNREFUSED|UND_ERR_SOCKET/ : /ECONNREFUSED/);
        delays.push(first!.nextAttemptAt.getTime() - before);
        clock.advance(first!.nextAttemptAt.getTime() - before);
      }
      expect(delays).toEqual([5, 10, 20, 40].map((s) => s * SECOND));
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(worker.failingSince()).not.toBeNull();
    } finally {
      await receiver.up();
    }
    await drain(worker);
    expect(receiver.payloads().map((p) => p.id)).toEqual((await rows()).map((r) => r.eventId));
    expect((await rows()).every((r) => r.deliveredAt !== null)).toBe(true);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(worker.failingSince()).toBeNull();
  });

  it("caps the backoff and gives an event up 24 hours after it happened, without holding the user's later events", async () => {
    const created = new Date("2026-12-01T00:00:00Z");
    expect(retryAt({ createdAt: created, attempts: 0 }, created)).toEqual(new Date(created.getTime() + 5 * SECOND));
    expect(retryAt({ createdAt: created, attempts: 30 }, created)).toEqual(new Date(created.getTime() + WEBHOOK_TIMING.maxRetryMs));
    const late = new Date(created.getTime() + WEBHOOK_TIMING.giveUpMs - SECOND);
    expect(retryAt({ createdAt: created, attempts: 40 }, late)).toEqual(new Date(created.getTime() + WEBHOOK_TIMING.giveUpMs));
    expect(retryAt({ createdAt: created, attempts: 41 }, new Date(created.getTime() + WEBHOOK_TIMING.giveUpMs))).toBeNull();

    const user = await createUser(database.db);
    const now = new Date();
    await enqueueNotice(database, user.id, new Date(now.getTime() - WEBHOOK_TIMING.giveUpMs - SECOND));
    await enqueueNotice(database, user.id, now);
    const log = quietLog();
    const worker = testWorker(database, receiver, { now: () => now, log });
    receiver.setMode("fail");
    await worker.runOnce();
    const [old] = await rows();
    expect(old!.givenUpAt).not.toBeNull();
    expect(log.error).toHaveBeenCalledTimes(1);
    receiver.setMode("ok");
    await drain(worker);
    expect(receiver.payloads().map((p) => p.at)).toEqual([now.toISOString()]);
  });
});

describe("stopping", () => {
  it("cuts an attempt on a hanging receiver short at once and leaves its event due for the next worker", async () => {
    const user = await createUser(database.db);
    await enqueueNotice(database, user.id, new Date(Date.now() - SECOND));
    receiver.setMode("hang");
    const log = quietLog();
    const worker = testWorker(database, receiver, { log });
    worker.start();
    const deadline = Date.now() + 10 * SECOND;
    while (receiver.hangingCount() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(receiver.hangingCount()).toBe(1);

    const stopping = performance.now();
    await worker.stop();
    expect(performance.now() - stopping).toBeLessThan(WEBHOOK_TIMING.timeoutMs / 2);
    const [row] = await rows();
    expect(row).toMatchObject({ deliveredAt: null, givenUpAt: null, claimedBy: null });
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(log.warn).not.toHaveBeenCalled();
    expect(worker.failingSince()).toBeNull();
  });
});

describe("retention", () => {
  it("prunes delivered and given-up events older than 7 days, and keeps the rest", async () => {
    const user = await createUser(database.db);
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    for (let i = 0; i < 4; i++) await enqueueNotice(database, user.id, daysAgo(9));
    const [oldDelivered, recentDelivered, pending, givenUp] = await rows();
    await database.db.securityEventOutbox.update({ where: { id: oldDelivered!.id }, data: { deliveredAt: daysAgo(8) } });
    await database.db.securityEventOutbox.update({ where: { id: recentDelivered!.id }, data: { deliveredAt: daysAgo(6) } });
    await database.db.securityEventOutbox.update({ where: { id: pending!.id }, data: { nextAttemptAt: daysAgo(-1) } });
    await database.db.securityEventOutbox.update({ where: { id: givenUp!.id }, data: { givenUpAt: daysAgo(8) } });

    await testWorker(database, receiver, { now: () => now }).runOnce();
    expect((await rows()).map((r) => r.id)).toEqual([recentDelivered!.id, pending!.id]);
  });
});
