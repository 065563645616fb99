import type BetterSqlite3 from "better-sqlite3";

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[]>;
type Columns = ReturnType<Statement["columns"]>;

/** A prepared statement, once asked its result columns, and when it was last handed out. */
interface Prepared {
  statement: Statement;
  columns?: Columns;
  lastUse: number;
}

/** Distinct statements kept per connection; Prisma's statements repeat, so a few hundred hold them all. */
export const REUSED_STATEMENTS = 256;

/**
 * A cached statement with this use's parameters. better-sqlite3 lets a statement be bound
 * only once, so the parameters travel with each run instead, and the row shape (`raw`) is
 * set again on every read because it sticks to the shared statement. The adapter asks for
 * the result columns before every read; they are a property of the statement's text (their
 * names and declared types), so they are read from SQLite once per statement, frozen, and
 * handed out again: ≈ 10 µs a read for a list page's statement.
 */
class StatementUse {
  #rowsAsArrays = false;
  private readonly statement: Statement;

  constructor(
    private readonly prepared: Prepared,
    private readonly params: unknown[] = [],
  ) {
    this.statement = prepared.statement;
  }

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(...params: unknown[]): StatementUse {
    return new StatementUse(this.prepared, params);
  }

  columns(): Columns {
    this.prepared.columns ??= Object.freeze(this.statement.columns().map((column) => Object.freeze(column))) as Columns;
    return this.prepared.columns;
  }

  raw(toggle = true): StatementUse {
    this.#rowsAsArrays = toggle;
    return this;
  }

  all(): unknown[] {
    const rows = this.statement.raw(this.#rowsAsArrays).all(...this.params);
    // A schema change re-prepares the statement inside SQLite; should its width have moved
    // with it, the next use reads the columns again.
    const first = rows[0];
    if (this.prepared.columns && Array.isArray(first) && first.length !== this.prepared.columns.length) delete this.prepared.columns;
    return rows;
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run(...this.params);
  }
}

/**
 * Makes `connection.prepare` hand out statements it has prepared before. Prisma's SQLite
 * adapter prepares every statement on every call, and the refresh's INSERT, which compiles
 * the rotation trigger with it, spent about 80 µs there per request. Statements live as
 * long as their connection, at most `capacity` of them, the least recently used going
 * first. The returned object offers what the adapter uses (bind, then run, or reader,
 * columns, raw and all); anything else on a statement fails loudly instead of silently
 * misbehaving. Returns how many statements were really prepared, for tests.
 */
export function reusePreparedStatements(connection: Connection, capacity = REUSED_STATEMENTS): { prepared(): number } {
  const prepareAnew = connection.prepare.bind(connection);
  const statements = new Map<string, Prepared>();
  let prepared = 0;
  let uses = 0;
  // A hit only stamps its entry: moving it to the Map's end (delete, then set) cost ≈ 2.7 µs a
  // statement, several per refresh. The scan for the oldest runs only when a new statement
  // finds the cache full, which Prisma's repeating statements almost never do.
  const dropLeastRecentlyUsed = () => {
    let oldest: string | undefined;
    let oldestUse = Infinity;
    for (const [sql, { lastUse }] of statements) {
      if (lastUse < oldestUse) [oldest, oldestUse] = [sql, lastUse];
    }
    if (oldest !== undefined) statements.delete(oldest);
  };
  const reusing = (sql: string): StatementUse => {
    let entry = statements.get(sql);
    if (!entry) {
      if (statements.size >= capacity) dropLeastRecentlyUsed();
      entry = { statement: prepareAnew(sql) as Statement, lastUse: 0 };
      prepared++;
      statements.set(sql, entry);
    }
    entry.lastUse = ++uses;
    return new StatementUse(entry);
  };
  // The adapter calls `prepare` on this very object; what it gets back is used like a statement.
  connection.prepare = reusing as unknown as Connection["prepare"];
  return { prepared: () => prepared };
}
