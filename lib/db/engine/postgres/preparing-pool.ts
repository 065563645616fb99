import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

/** Statement texts given a name per process; past this, the rest are sent unnamed as before. */
export const MAX_PREPARED_STATEMENTS = 128;

/** A pool setting where a connection pooler cannot keep a session's prepared statements. */
const PGBOUNCER_PARAMETER = "pgbouncer";

/** Whether the URL says a pooler stands between us and PostgreSQL (Prisma's own `?pgbouncer=true`). */
export function behindStatementlessPooler(connectionString: string): boolean {
  if (!URL.canParse(connectionString)) return false;
  return new URL(connectionString).searchParams.get(PGBOUNCER_PARAMETER) === "true";
}

type QueryConfig = { text?: unknown; name?: unknown };

/**
 * A pg pool whose statements are prepared once per connection and then only executed: each
 * distinct text gets a name, so PostgreSQL parses and plans it once per connection instead of
 * on every call. Prisma's adapter sends everything unnamed, and for the refresh's two
 * statements that parse and plan was most of PostgreSQL's CPU (docs/performance.md). Names
 * are bounded per process, because each one lives on every connection for its lifetime; a
 * text beyond the bound, a transaction's statement (its own client) and a statement-less
 * pooler's connection go unnamed. Prisma's adapter keeps doing the rest: its parameter
 * conversion, its type parsing and its errors are untouched.
 */
export function preparingPool(config: pg.PoolConfig & { connectionString: string }, maxNamed = MAX_PREPARED_STATEMENTS): pg.Pool {
  const pool = new pg.Pool(config);
  if (behindStatementlessPooler(config.connectionString)) return pool;
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= maxNamed) return known;
    const name = `gatehouse_${names.size}`;
    names.set(text, name);
    return name;
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  // pg's overloads for query() are many; this passes every call through and only adds a name
  // to a config object that has text and none.
  const named = (first: unknown, ...rest: unknown[]) => {
    const config = first as QueryConfig | null;
    if (typeof config !== "object" || config === null || typeof config.text !== "string" || config.name !== undefined) return query(first, ...rest);
    const name = nameOf(config.text);
    return query(name === undefined ? first : { ...config, name }, ...rest);
  };
  pool.query = named as typeof pool.query;
  return pool;
}

/**
 * Prisma's pg adapter over a preparing pool, a new one at every connect: the client's
 * disconnect ends the pool and its connections, as with the adapter's own pool.
 */
export function preparingAdapterFactory(config: pg.PoolConfig & { connectionString: string }): SqlDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => new PrismaPg(preparingPool(config), { disposeExternalPool: true }).connect(),
  };
}
