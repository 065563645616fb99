import Database from "better-sqlite3";
import { databasePath } from "./settings";

function query<T>(sql: string, ...params: (string | number)[]): T {
  const db = new Database(databasePath(), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

/** Counts invoices straight from the database, to check what the list says. */
export function countInvoices(where: string, ...params: (string | number)[]): number {
  return query<{ n: number }>(`SELECT count(*) AS n FROM Invoice WHERE ${where}`, ...params).n;
}

export function amountBound(kind: "MIN" | "MAX"): number {
  return query<{ cents: number }>(`SELECT ${kind}(amountCents) AS cents FROM Invoice`).cents;
}

export function countOwnedBy(username: string): number {
  return query<{ n: number }>(
    "SELECT count(*) AS n FROM Invoice JOIN User ON User.id = Invoice.ownerId WHERE User.username = ?",
    username,
  ).n;
}
