import * as notMeRoute from "@/app/api/notifications/[id]/not-me/route";
import * as notificationRoute from "@/app/api/notifications/[id]/route";
import * as readRoute from "@/app/api/notifications/read/route";
import * as notificationsRoute from "@/app/api/notifications/route";
import type { NotificationRow } from "@/lib/contracts/notifications";
import type { Db } from "@/lib/db/client";
import { testEngine } from "./provision";
import { BASE, jsonRequest } from "./http";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const query = (params: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();

/** The notification endpoints, called through their real route handlers. */
export const notifications = {
  list: (token: string, params: Record<string, unknown> = {}) => notificationsRoute.GET(new Request(`${BASE}/api/notifications?${query(params)}`, { headers: bearer(token) })),
  get: (token: string, id: number | string) => notificationRoute.GET(new Request(`${BASE}/api/notifications/${id}`, { headers: bearer(token) }), withId(id)),
  read: (token: string, body: unknown) => readRoute.POST(jsonRequest("/api/notifications/read", body, { headers: bearer(token) })),
  notMe: (token: string, id: number | string) => notMeRoute.POST(new Request(`${BASE}/api/notifications/${id}/not-me`, { method: "POST", headers: bearer(token) }), withId(id)),
};

export async function listed(token: string, params: Record<string, unknown> = {}): Promise<NotificationRow[]> {
  const response = await notifications.list(token, params);
  if (response.status !== 200) throw new Error(`list answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as NotificationRow[];
}

/** The user's notices as stored, newest first. */
export const noticesOf = (db: Db, userId: number) => db.notification.findMany({ where: { userId }, orderBy: { id: "desc" } });

export const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
export const FIREFOX_WINDOWS_NEWER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0";
export const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
export const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/**
 * Makes every row for `userId` fail as it is inserted into `table`: a trigger raises inside
 * whatever transaction writes it, so the event written with it must roll back too. Returns the undo.
 */
export async function failInsertsFor(db: Db, table: "Notification" | "SecurityEventOutbox", userId: number): Promise<() => Promise<void>> {
  const name = `test_fail_${table}_${userId}`;
  if (testEngine() === "postgres") {
    await db.$executeRawUnsafe(`CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} row refused by the test'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW WHEN (NEW."userId" = ${userId}) EXECUTE FUNCTION "${name}"()`);
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER "${name}" ON "${table}"`);
      await db.$executeRawUnsafe(`DROP FUNCTION "${name}"()`);
    };
  }
  await db.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" WHEN NEW."userId" = ${userId} BEGIN SELECT RAISE(ABORT, '${table} row refused by the test'); END`);
  return async () => void (await db.$executeRawUnsafe(`DROP TRIGGER "${name}"`));
}

/** Makes every notice for `userId` fail as it is written, inside the event's own transaction. */
export const failNoticesFor = (db: Db, userId: number) => failInsertsFor(db, "Notification", userId);
