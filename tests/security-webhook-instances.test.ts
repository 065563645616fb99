import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notice } from "@/lib/auth/notifications/notice";
import { type Database, openDatabase } from "@/lib/db/client";
import { prismaAuditLog } from "@/lib/db/audit-log";
import { writeNotices } from "@/lib/db/notices";
import { parseEnv } from "@/lib/env";
import { buildServerContext } from "@/lib/server/context";
import { client, enqueueNotice, testWorker } from "./helpers/webhook-outbox";
import { type Provisioned, provision } from "./helpers/provision";
import { TEST_SECRET } from "./helpers/test-app";
import { createUser } from "./helpers/users";
import { type WebhookReceiver, webhookReceiver } from "./helpers/webhook-receiver";

/**
 * The outbox shared by instances, and what enters it: two workers, each with its own database
 * client, deliver every event exactly once; a row is written only in the event's own
 * transaction, for notices and administrators' audit events, and only with the webhook on.
 */
let database: Provisioned;
let other: Database;
let receiver: WebhookReceiver;
beforeAll(async () => {
  database = await provision();
  other = openDatabase(database.url);
  receiver = await webhookReceiver();
});
afterAll(async () => {
  await receiver.down();
  await other.db.$disconnect();
  await database.dispose();
});
beforeEach(async () => {
  await database.db.securityEventOutbox.deleteMany();
  receiver.received.length = 0;
  receiver.setMode("ok");
});

const outboxRows = () => database.db.securityEventOutbox.findMany({ orderBy: { id: "asc" } });
const pendingCount = () => database.db.securityEventOutbox.count({ where: { deliveredAt: null, givenUpAt: null } });

describe("two instances over one database", () => {
  it("deliver every event exactly once, each user's in order", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser(database.db, { prefix: "pair" })));
    const start = Date.now() - 60_000;
    for (let i = 0; i < 36; i++) await enqueueNotice(database, users[i % users.length]!.id, new Date(start + i));
    const workers = [testWorker(database, receiver), testWorker(other, receiver)];
    const claimedBy = new Map<string, number>();

    await Promise.all(
      workers.map(async (worker) => {
        for (let pass = 0; pass < 400 && (await pendingCount()) > 0; pass++) {
          const { delivered } = await worker.runOnce();
          claimedBy.set(worker.id, (claimedBy.get(worker.id) ?? 0) + delivered);
        }
      }),
    );

    const rows = await outboxRows();
    const sent = receiver.payloads().map((p) => p.id);
    expect(sent).toHaveLength(36);
    expect(new Set(sent)).toEqual(new Set(rows.map((r) => r.eventId)));
    expect(rows.every((r) => r.deliveredAt !== null && r.attempts === 1)).toBe(true);
    expect([...claimedBy.values()].reduce((a, b) => a + b, 0)).toBe(36);
    for (const user of users) {
      const theirs = rows.filter((r) => r.userId === user.id).map((r) => r.eventId);
      expect(sent.filter((id) => theirs.includes(id))).toEqual(theirs);
    }
  });

  it("leave an event another worker holds a live lease on, and take it once the lease runs out", async () => {
    const user = await createUser(database.db);
    await enqueueNotice(database, user.id, new Date(Date.now() - 1_000));
    const [row] = await outboxRows();
    await database.db.securityEventOutbox.update({ where: { id: row!.id }, data: { claimedBy: "crashed-instance", claimedUntil: new Date(Date.now() + 60_000) } });
    const worker = testWorker(other, receiver);
    expect((await worker.runOnce()).claimed).toBe(0);
    await database.db.securityEventOutbox.update({ where: { id: row!.id }, data: { claimedUntil: new Date(Date.now() - 1) } });
    expect((await worker.runOnce()).delivered).toBe(1);
    expect(receiver.payloads().map((p) => p.id)).toEqual([row!.eventId]);
  });
});

describe("what enters the outbox", () => {
  it("writes a notice's row in the event's transaction: a rolled-back event leaves neither", async () => {
    const user = await createUser(database.db);
    const refused = database.engine.transaction(async ({ db: tx }) => {
      await tx.user.update({ where: { id: user.id }, data: { fullName: "Changed" } });
      await writeNotices(tx, [notice("password_changed", user.id, client, new Date())], true);
      throw new Error("the event fails after its notice");
    });
    await expect(refused).rejects.toThrow(/the event fails/);
    expect(await outboxRows()).toEqual([]);
    expect(await database.db.notification.count({ where: { userId: user.id } })).toBe(0);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).fullName).not.toBe("Changed");

    await enqueueNotice(database, user.id);
    expect(await outboxRows()).toHaveLength(1);
  });

  it("takes every administrator's audit event, with the acting admin, and no one's own", async () => {
    const [admin, user] = [await createUser(database.db, { role: "admin" }), await createUser(database.db)];
    const audit = prismaAuditLog({ ...database, outbox: true });
    const at = new Date();
    await audit.record({ type: "user.unlocked", userId: user.id, username: user.username, actorId: admin.id, actorUsername: admin.username, ip: "198.51.100.4", userAgent: client.userAgent }, at);
    await audit.record({ type: "login.ok", userId: user.id, username: user.username, ip: "198.51.100.4" }, at);

    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload)).toEqual({
      id: rows[0]!.eventId,
      type: "user.unlocked",
      at: at.toISOString(),
      userId: user.id,
      username: user.username,
      detail: { device: "Chrome 126 on Mac OS 10.15.7", ip: "198.51.100.4", at: at.toISOString(), actorId: admin.id, actorUsername: admin.username },
    });
    expect(await database.db.auditEvent.count({ where: { userId: user.id } })).toBe(2);
  });

  it("writes nothing to the outbox, and starts no worker, while the webhook is off", async () => {
    const [admin, user] = [await createUser(database.db, { role: "admin" }), await createUser(database.db)];
    const server = buildServerContext(openDatabase(database.url), parseEnv({ NODE_ENV: "test", JWT_SECRET: TEST_SECRET, DATABASE_URL: database.url }));
    try {
      expect(server.securityWebhook).toBeNull();
      await database.engine.transaction(({ db: tx }) => writeNotices(tx, [notice("password_changed", user.id, client, new Date())]));
      await server.store.users.setPasswordHash(user.id, user.passwordHash, () => [notice("password_changed", user.id, client, new Date())]);
      await server.store.audit.record({ type: "user.unlocked", userId: user.id, actorId: admin.id, actorUsername: admin.username }, new Date());
    } finally {
      await server.close();
    }
    expect(await database.db.notification.count({ where: { userId: user.id } })).toBe(2);
    expect(await outboxRows()).toEqual([]);
  });
});
