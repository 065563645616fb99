import { afterAll, beforeAll, expect, it } from "vitest";
import * as readyRoute from "@/app/api/ready/route";
import { WEBHOOK_TIMING } from "@/lib/auth/notifications/webhook/delivery";
import type { Db } from "@/lib/db/client";
import { serverContext } from "@/lib/server/context";
import { api, signIn } from "./helpers/admin-routes";
import { actAsGatehouseServer } from "./helpers/client-ip";
import { CHROME_MAC, FIREFOX_WINDOWS, failInsertsFor } from "./helpers/notifications";
import { Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";
import { WEBHOOK_SECRET, type WebhookReceiver, webhookReceiver } from "./helpers/webhook-receiver";

/**
 * The webhook as the server runs it: real route handlers, the server context's own worker,
 * a real local receiver. A receiver that hangs or fails never slows or fails a sign-in, and
 * a failing one shows in /api/ready as a warning while the server stays ready.
 */
let db: Db;
let receiver: WebhookReceiver;
let dispose: () => Promise<void>;
beforeAll(async () => {
  actAsGatehouseServer();
  receiver = await webhookReceiver();
  ({ db, dispose } = await startTestServer({
    LOGIN_FAILURE_DELAY_MS: "0",
    SECURITY_EVENTS_WEBHOOK_URL: receiver.url(),
    SECURITY_EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  }));
});
afterAll(async () => {
  await (globalThis as { __gatehouseShutdown?: () => Promise<void> }).__gatehouseShutdown?.();
  await receiver.down();
  await dispose();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A sign-in from a new device, which writes a notice and its outbox row; how long it took. */
async function newDeviceSignIn(): Promise<{ ms: number; userId: number }> {
  const user = await createUser(db, { prefix: "hooked" });
  await signIn(user.username, user.password, FIREFOX_WINDOWS);
  const started = performance.now();
  const response = await new Browser().login(user.username, user.password, { "user-agent": CHROME_MAC });
  const ms = performance.now() - started;
  expect(response.status).toBe(200);
  return { ms, userId: user.id };
}

const deliveredTo = (userId: number) => receiver.payloads().some((p) => p.userId === userId && p.type === "new_device_sign_in");

it("answers a sign-in as fast while the receiver hangs as while it answers", async () => {
  receiver.setMode("ok");
  await newDeviceSignIn();
  const baseline = await newDeviceSignIn();
  await until(() => deliveredTo(baseline.userId), 10_000, "the baseline event to arrive");

  receiver.setMode("hang");
  await newDeviceSignIn();
  await until(() => receiver.hangingCount() > 0, 10_000, "the worker to wait on the hanging receiver");
  const hanging = [await newDeviceSignIn(), await newDeviceSignIn()];
  expect(receiver.hangingCount()).toBeGreaterThan(0);

  // Well inside the receiver's timeout: nothing on the sign-in's path waits for delivery.
  for (const { ms } of hanging) expect(ms).toBeLessThan(Math.max(WEBHOOK_TIMING.timeoutMs / 2, baseline.ms * 5));
  const queued = await db.securityEventOutbox.count({ where: { deliveredAt: null, userId: { in: hanging.map((h) => h.userId) } } });
  expect(queued).toBe(2);
}, 30_000);

it("shows a failing receiver as a warning in /api/ready, still 200, and clears it once deliveries go through", async () => {
  receiver.setMode("fail");
  await newDeviceSignIn();
  const warned = async () => {
    const response = await readyRoute.GET();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; warnings?: { securityEventsWebhook?: string } };
    expect(body.status).toBe("ready");
    return body.warnings?.securityEventsWebhook;
  };
  await until(async () => Boolean(await warned()), 15_000, "the readiness warning");
  expect(await warned()).toMatch(/^failing since \d{4}-\d\d-\d\dT/);
  expect(serverContext().securityWebhook?.failingSince()).not.toBeNull();

  receiver.setMode("ok");
  await until(async () => !(await warned()), 20_000, "the warning to clear after the next retry");
}, 45_000);

/** Makes the outbox refuse `userId`'s rows, inside whatever transaction writes them. Returns the undo. */
const failOutboxFor = (userId: number) => failInsertsFor(db, "SecurityEventOutbox", userId);

it("writes the outbox row in the sign-in's transaction: a refused row undoes the login and its notice", async () => {
  const user = await createUser(db, { prefix: "undone" });
  await signIn(user.username, user.password, FIREFOX_WINDOWS);
  const undo = await failOutboxFor(user.id);
  try {
    const response = await new Browser().login(user.username, user.password, { "user-agent": CHROME_MAC });
    expect(response.status).toBeGreaterThanOrEqual(500);
  } finally {
    await undo();
  }
  expect(await db.login.count({ where: { userId: user.id, userAgent: CHROME_MAC } })).toBe(0);
  expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);
  expect(await db.securityEventOutbox.count({ where: { userId: user.id } })).toBe(0);
});

it("queues an administrator's action on a user with the acting admin", async () => {
  const user = await createUser(db, { prefix: "acted-on" });
  await signIn(user.username, user.password, FIREFOX_WINDOWS);
  const { token } = await signIn("johndoe");
  expect((await api.signOutUser(token, user.id)).status).toBeLessThan(300);
  const payloads = (await db.securityEventOutbox.findMany({ where: { userId: user.id } })).map((row) => JSON.parse(row.payload) as { type: string; detail: Record<string, unknown> });
  expect(payloads.map((p) => p.type)).toContain("signed_out_by_admin");
  expect(payloads.find((p) => p.type.includes("."))?.detail).toMatchObject({ actorUsername: "johndoe" });
});
