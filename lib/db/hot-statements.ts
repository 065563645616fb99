import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { rowsOf } from "./adapter-rows";
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

/** How one engine's hot statements are built and run. */
export interface HotDialect {
  /** The statement in the adapter's form, built with the client runtime's own tag and placeholders. */
  statement(strings: TemplateStringsArray, values: unknown[]): SqlQuery;
  /**
   * SQLite: one connection to a file another process may hold locked. A busy file is waited
   * out on timers and the statement run again (each is atomic), as the client's own
   * extension does for every other operation, and writes commit in groups (group-commit.ts).
   * PostgreSQL waits for its locks itself, within its lock_timeout.
   */
  embedded: boolean;
}

/**
 * Sends `db`'s hot statements straight to the driver adapter it is connected through.
 * Prisma 6.19's client runs its query compiler on every call, raw SQL included, and under
 * load that costs more than these statements themselves; the adapter is the same
 * connection (or pool), the same parameter binding and the same error kinds, without the
 * compiler. `connected` is the client's open connection, if any: the client connects
 * lazily and again after a $disconnect, so a missing one is connected.
 */
export function sendStraightToAdapter(db: Db, connected: () => SqlDriverAdapter | undefined, dialect: HotDialect): void {
  const adapter = async () => {
    const current = connected();
    if (current) return current;
    await db.$connect();
    const reconnected = connected();
    if (!reconnected) throw new Error("the database client connected without a driver adapter connection");
    return reconnected;
  };
  const waitingOutLocks = <T>(work: () => Promise<T>) => (dialect.embedded ? retryWhileBusy(work) : work());
  const write = dialect.embedded ? groupCommits(adapter) : async (query: SqlQuery) => (await adapter()).executeRaw(query);
  straight.set(db, {
    query: <Row>(strings: TemplateStringsArray, ...values: unknown[]) => {
      const statement = dialect.statement(strings, values);
      return waitingOutLocks(async () => rowsOf<Row>(await (await adapter()).queryRaw(statement)));
    },
    execute: (strings, ...values) => write(dialect.statement(strings, values)),
  });
}

/** Whether `db`'s hot statements skip its client (for the tests that pin where they go). */
export const goesStraightToAdapter = (db: Db): boolean => straight.has(db);
