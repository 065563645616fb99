import type BetterSqlite3 from "better-sqlite3";

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[]>;

/** Distinct statements kept per connection; Prisma's statements repeat, so a few hundred hold them all. */
export const REUSED_STATEMENTS = 256;

/**
 * A cached statement with this use's parameters. better-sqlite3 lets a statement be bound
 * only once, so the parameters travel with each run instead, and the row shape (`raw`) is
 * set again on every read because it sticks to the shared statement.
 */
class StatementUse {
  #rowsAsArrays = false;

  constructor(
    private readonly statement: Statement,
    private readonly params: unknown[] = [],
  ) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(...params: unknown[]): StatementUse {
    return new StatementUse(this.statement, params);
  }

  columns() {
    return this.statement.columns();
  }

  raw(toggle = true): StatementUse {
    this.#rowsAsArrays = toggle;
    return this;
  }

  all(): unknown[] {
    return this.statement.raw(this.#rowsAsArrays).all(...this.params);
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
  const statements = new Map<string, Statement>();
  let prepared = 0;
  const reusing = (sql: string): StatementUse => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql);
    else {
      statement = prepareAnew(sql) as Statement;
      prepared++;
      if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return new StatementUse(statement);
  };
  // The adapter calls `prepare` on this very object; what it gets back is used like a statement.
  connection.prepare = reusing as unknown as Connection["prepare"];
  return { prepared: () => prepared };
}
