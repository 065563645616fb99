import { Prisma } from "@prisma/client";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { adapterQuery, rowsOf } from "./adapter-rows";
import { retryWhileBusy } from "./busy-retry";
import type { Db } from "./client";
import { groupCommits } from "./group-commit";

/**
 * How the few statements every refresh and every list page run reach the database: tags
 * for parameterised SQL, as `$queryRaw` and `$executeRaw` are, whose values may be
 * fragments built with the client's own SqlBuilder. Rows come keyed by column, whole
 * numbers as numbers or bigints, timestamps as Dates.
 */
export interface HotStatements {
  query<Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]>;
  execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

const straight = new WeakMap<object, HotStatements>();

const throughClient = (db: Db): HotStatements => ({
  query: <Row>(strings: TemplateStringsArray, ...values: unknown[]) => db.$queryRaw<Row[]>(strings, ...values),
  execute: (strings, ...values) => db.$executeRaw(strings, ...values),
});

/**
 * The hot statements for a client: straight to its driver adapter when openDatabase set
 * that up, otherwise through the client itself. A transaction's client is never set up,
 * so a store built on one keeps its statements inside the transaction.
 */
export const hotStatements = (db: Db): HotStatements => straight.get(db) ?? throughClient(db);

/**
 * Sends `db`'s hot statements straight to the SQLite driver adapter it is connected
 * through. Prisma 6.19's client runs its query compiler on every call, raw SQL included,
 * and under load that costs more than these statements themselves; the adapter is the
 * same connection, the same parameter binding and the same error kinds, without the
 * compiler. `connected` is the adapter of the client's current connection, if any: the
 * client connects lazily and again after a $disconnect, so a missing one is connected.
 * Each statement is atomic, so a busy file is waited out and the statement run again,
 * as the client's own extension does for every other operation; writes commit in groups
 * (group-commit.ts).
 */
export function sendStraightToAdapter(db: Db, connected: () => SqlDriverAdapter | undefined): void {
  const adapter = async () => {
    const current = connected();
    if (current) return current;
    await db.$connect();
    const reconnected = connected();
    if (!reconnected) throw new Error("the database client connected without a driver adapter connection");
    return reconnected;
  };
  const write = groupCommits(adapter);
  // Prisma.sql is the SQLite client's own, so it flattens fragments its SqlBuilder made.
  straight.set(db, {
    query: <Row>(strings: TemplateStringsArray, ...values: unknown[]) => {
      const statement = adapterQuery(Prisma.sql(strings, ...values));
      return retryWhileBusy(async () => rowsOf<Row>(await (await adapter()).queryRaw(statement)));
    },
    execute: (strings, ...values) => write(adapterQuery(Prisma.sql(strings, ...values))),
  });
}

/** Whether `db`'s hot statements skip its client (for the tests that pin where they go). */
export const goesStraightToAdapter = (db: Db): boolean => straight.has(db);
