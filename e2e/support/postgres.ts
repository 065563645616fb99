import { randomUUID } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database of its own, dropped by `dispose`. */
export async function scratchPostgres(): Promise<{ url: string; dispose(): Promise<void> }> {
  const name = `gatehouse_e2e_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), dispose: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
