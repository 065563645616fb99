import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import type { Fragment, Statements, TransactionDb } from "../engine";
import { render } from "../engine";
import { adapterQuery, rowsOf } from "./rows";

type Placeholder = (position: number) => string;

/**
 * Statements sent straight to the driver adapter, past Prisma's client. Prisma 6.19's client
 * runs its query compiler on every call, raw SQL included, and under load that costs more
 * than the hot statements themselves (a refresh's, a list page's); the adapter is the same
 * connection (or pool), the same parameter binding and the same error kinds, without the
 * compiler. `wait` waits out what the engine waits out; `write` is how its writes commit.
 */
export function adapterStatements(
  adapter: () => Promise<SqlDriverAdapter>,
  placeholder: Placeholder,
  {
    wait,
    write,
    read = async <Row>(connection: SqlDriverAdapter, query: SqlQuery) => rowsOf<Row>(await connection.queryRaw(query)),
  }: {
    wait: <T>(work: () => Promise<T>) => Promise<T>;
    write: (query: SqlQuery) => Promise<number>;
    /** How a read runs on the connection and comes back as rows (SQLite has a shorter way). */
    read?: <Row>(connection: SqlDriverAdapter, query: SqlQuery) => Promise<Row[]>;
  },
) {
  return {
    query: <Row>(statement: Fragment) => {
      const query = adapterQuery(statement, placeholder);
      return wait(async () => read<Row>(await adapter(), query));
    },
    write: (statement: Fragment) => write(adapterQuery(statement, placeholder)),
  };
}

/** Statements through a Prisma client: a transaction's, whose statements must stay inside it. */
export function clientStatements(client: Pick<TransactionDb, "$queryRawUnsafe" | "$executeRawUnsafe">, placeholder: Placeholder): Statements {
  return {
    query<Row>(statement: Fragment) {
      const { text, values } = render(statement, placeholder);
      return client.$queryRawUnsafe<Row[]>(text, ...values);
    },
    execute(statement: Fragment) {
      const { text, values } = render(statement, placeholder);
      return client.$executeRawUnsafe(text, ...values);
    },
  };
}
