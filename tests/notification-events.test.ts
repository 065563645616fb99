import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { notificationDetailSchema, notificationTypes } from "@/lib/contracts/notifications";
import type { Db } from "@/lib/db/client";
import { actAsGatehouseServer } from "./helpers/client-ip";
import { restoreClock } from "./helpers/clock";
import { noticeEvents } from "./helpers/notice-events";
import { failNoticesFor, noticesOf } from "./helpers/notifications";
import { startTestServer } from "./helpers/test-app";

/**
 * Every notice type is written by its event, in the event's own transaction: when the notice
 * cannot be written (a trigger refuses it), the event's write is rolled back with it, and when
 * the event happens, its notice is there. Real route handlers, a real database, both engines.
 */
let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", REFRESH_REUSE_GRACE_SECONDS: "10" }));
});
afterEach(restoreClock);


it("covers every notice type", () => {
  expect(new Set(noticeEvents.map((event) => event.type))).toEqual(new Set(notificationTypes));
});

describe.each(noticeEvents)("$name", ({ type, prepare }) => {
  it(`writes ${type} with the event, naming the device, the address, the time and the login`, async () => {
    const event = await prepare(db);
    const before = (await noticesOf(db, event.userId)).filter((n) => n.type === type).length;
    const response = await event.act();
    if (event.answers) expect(response.status).toBe(event.answers);
    else expect(response.status, await response.clone().text()).toBeLessThan(300);
    expect(await event.happened()).toBe(true);
    const notices = (await noticesOf(db, event.userId)).filter((n) => n.type === type);
    expect(notices).toHaveLength(before + 1);
    const [notice] = notices;
    const detail = notificationDetailSchema.parse(JSON.parse(notice!.detail));
    expect(detail.device).not.toBe("");
    expect(new Date(detail.at).getTime()).toBe(notice!.createdAt.getTime());
    expect(notice!.readAt).toBeNull();
    if (event.sessionId) {
      const sessionId = await event.sessionId();
      expect(notice!.sessionId).toBe(sessionId);
      expect(detail.sessionId).toBe(sessionId);
    }
  });

  it(`rolls the event back when its ${type} notice cannot be written`, async () => {
    const event = await prepare(db);
    const before = await noticesOf(db, event.userId);
    const undo = await failNoticesFor(db, event.userId);
    try {
      const response = await event.act();
      expect(response.status).toBeGreaterThanOrEqual(500);
    } finally {
      await undo();
    }
    expect(await event.happened()).toBe(false);
    if (event.untouched) expect(await event.untouched()).toBe(true);
    expect(await noticesOf(db, event.userId)).toEqual(before);
  });
});
