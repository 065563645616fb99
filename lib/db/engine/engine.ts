import type { Prisma, PrismaClient } from "@prisma/client";

/**
 * What the stores need from a database engine, and all they may know of one: the Prisma
 * client for model queries, parameterised statements for the operations that are raw SQL,
 * transactions, and the few places where SQLite and PostgreSQL speak differently. One file
 * per engine (sqlite.ts, postgres.ts) implements it; the drivers are imported only there.
 */

/**
 * The model API. Both generated clients come from prisma/schema.prisma (the PostgreSQL one
 * by scripts/postgres-schema.mjs), so the SQLite client's types stand for both; postgres.ts
 * is the one seam where the other client is taken as this type, checked model by model.
 */
export type Db = PrismaClient;
/** The client a Prisma interactive transaction hands its work. */
export type TransactionDb = Prisma.TransactionClient;

/** A piece of SQL with its parameters kept apart; each engine writes its own placeholders. */
export class Fragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** Parameterised SQL: every `${value}` is bound, except a Fragment, which is spliced in with its own values. */
export const sql = (strings: TemplateStringsArray, ...values: unknown[]): Fragment => new Fragment(strings, values);

/** Text spliced in as SQL: only ever names and keywords the code itself chose. */
export const raw = (text: string): Fragment => new Fragment([text], []);

/** Fragments spliced in, or values bound, one after the other with `separator` between them. */
export function join(items: readonly unknown[], separator = ", "): Fragment {
  if (!items.length) throw new Error("cannot join nothing into SQL");
  return new Fragment(["", ...items.slice(1).map(() => separator), ""], items);
}

/** A table or column name as SQL, refusing anything but plain letters. */
export function quoted(name: string): string {
  if (!/^[A-Za-z]+$/.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
}

/** `%`, `_` and the escape itself match literally in a LIKE pattern with `ESCAPE '\'`. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A fragment as one SQL text with each parameter written by `placeholder` (1-based). */
export function render(fragment: Fragment, placeholder: (position: number) => string): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const write = ({ strings, values: parts }: Fragment): string => {
    let text = strings[0]!;
    parts.forEach((part, i) => {
      if (part instanceof Fragment) text += write(part);
      else {
        values.push(part);
        text += placeholder(values.length);
      }
      text += strings[i + 1]!;
    });
    return text;
  };
  return { text: write(fragment), values };
}

/**
 * Statements as the engine runs them. Rows come keyed by column, whole numbers as numbers
 * or bigints, booleans as booleans, timestamps as Dates (or text, see Dialect.timestamp).
 */
export interface Statements {
  query<Row>(statement: Fragment): Promise<Row[]>;
  /** Runs one write on its own; how many rows it changed. */
  execute(statement: Fragment): Promise<number>;
}

export interface Transaction extends Statements {
  db: TransactionDb;
  /**
   * The ids of the rows `where` picks in `table`, locked until the transaction ends where the
   * engine locks rows (SQLite's one writer holds the whole file instead).
   */
  lockRows(table: "Invoice" | "User", where: Fragment): Promise<number[]>;
}

export type BucketUnit = "hour" | "day";

/** Where the engines' SQL differs. */
export interface Dialect {
  /** A timestamp column read as text, which `isoTimestamp` turns into the API's form cheaply. */
  timestamp(column: string): Fragment;
  /** A timestamp as `Date#toISOString()` prints it, from a Date or from `timestamp`'s text. */
  isoTimestamp(value: Date | string): string;
  /** Whether a text column contains `text`, ignoring case, with `%` and `_` taken literally. */
  containsText(column: Fragment, text: string): Fragment;
  /** The UTC hour or day a timestamp column falls in, as ISO text (`2026-11-30T10:00:00Z`). */
  dateBucket(column: string, unit: BucketUnit): Fragment;
}

/** Why the database cannot serve a request right now; none of these is the request's fault. */
export type DatabaseFault = "busy" | "read_only" | "full" | "missing" | "unreachable" | "broken";

/** What a failed statement or query means to a store. */
export type ErrorKind = "unique_violation" | "missing_reference" | { fault: DatabaseFault };

export interface Engine extends Statements {
  readonly client: Db;
  readonly dialect: Dialect;
  /**
   * A write that may share its commit with the other writes of its turn of the event loop
   * (SQLite: one sync for all of them); each is still its own statement, refused alone.
   */
  groupedWrite(statement: Fragment): Promise<number>;
  /** An interactive transaction, begun again whole where the engine may refuse a stale one. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** What an error means, or null when it is none of the kinds stores act on. */
  errorKind(error: unknown): ErrorKind | null;
  /** Where this engine's committed migrations live (relative to the project). */
  readonly migrations: string;
  /** The database file, for an engine that keeps one; its health is checked beside the queries'. */
  readonly file?: string;
  close(): Promise<void>;
}
