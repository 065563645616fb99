import { retentionCutoff } from "../auth/notifications/retention";
import type { NewNotice, NoticesFor } from "../auth/notifications/storage";
import type { Db, Engine, TransactionDb } from "./engine/engine";
import { enqueueSecurityEvents } from "./security-event-outbox";

/**
 * The one place a notice is written, always inside the transaction of the event it reports.
 * With the operators' webhook on (`outbox`), each notice's outbox row is written here too, so
 * it commits or rolls back with the notice (docs/notifications.md#the-seam). Each write also
 * prunes the user's notices past retention: a cheap, indexed delete on an occasion that comes
 * often enough.
 */
export async function writeNotices(tx: TransactionDb, notices: readonly NewNotice[], outbox = false): Promise<void> {
  if (!notices.length) return;
  for (const userId of new Set(notices.map((n) => n.userId))) {
    const at = Math.max(...notices.filter((n) => n.userId === userId).map((n) => n.at.getTime()));
    await tx.notification.deleteMany({ where: { userId, createdAt: { lt: retentionCutoff(new Date(at)) } } });
  }
  await tx.notification.createMany({
    data: notices.map((n) => ({ userId: n.userId, type: n.type, detail: JSON.stringify(n.detail), sessionId: n.sessionId, createdAt: n.at })),
  });
  if (outbox) await enqueueNotices(tx, notices);
}

async function enqueueNotices(tx: TransactionDb, notices: readonly NewNotice[]) {
  const users = await tx.user.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.userId))] } }, select: { id: true, username: true } });
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  await enqueueSecurityEvents(
    tx,
    notices.map((n) => ({ type: n.type, at: n.at, userId: n.userId, username: usernames.get(n.userId) ?? null, detail: n.detail })),
  );
}

/**
 * A store's write together with the notices it makes, in one transaction: the notices are
 * asked for once the write knows what it did, and neither commits without the other. Without
 * notices the write runs on its own, exactly as it did before notices existed.
 */
export function withNotices<Outcome>(
  { db, engine, outbox }: { db: Db; engine: Pick<Engine, "transaction">; outbox?: boolean },
  write: (db: TransactionDb) => Promise<Outcome>,
  notices: NoticesFor<Outcome> | undefined,
): Promise<Outcome> {
  if (!notices) return write(db);
  return engine.transaction(async ({ db: tx }) => {
    const outcome = await write(tx);
    await writeNotices(tx, notices(outcome), outbox);
    return outcome;
  });
}
