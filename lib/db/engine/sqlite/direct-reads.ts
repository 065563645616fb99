import { ColumnTypeEnum, type SqlDriverAdapter, type SqlQuery } from "@prisma/driver-adapter-utils";
import { decode, rowsOf } from "../driver-adapter/rows";
import { connectionOf } from "./adapter";

type ColumnType = (typeof ColumnTypeEnum)[keyof typeof ColumnTypeEnum];
interface Column {
  name: string;
  type: string | null;
}
/** What the connection's `prepare` hands out once statements are reused (reused-statements.ts). */
interface ReusedStatement {
  readonly reader: boolean;
  bind(...params: unknown[]): ReusedStatement;
  columns(): readonly Column[];
  raw(toggle?: boolean): ReusedStatement;
  all(): unknown[];
}

/** A declared column type as @prisma/adapter-better-sqlite3 reads it; null: judged by the values. */
function declaredType(declared: string | null): ColumnType | null {
  switch (declared?.toUpperCase()) {
    case "DECIMAL":
      return ColumnTypeEnum.Numeric;
    case "FLOAT":
      return ColumnTypeEnum.Float;
    case "DOUBLE":
    case "DOUBLE PRECISION":
    case "NUMERIC":
    case "REAL":
      return ColumnTypeEnum.Double;
    case "TINYINT":
    case "SMALLINT":
    case "MEDIUMINT":
    case "INT":
    case "INTEGER":
    case "SERIAL":
    case "INT2":
      return ColumnTypeEnum.Int32;
    case "BIGINT":
    case "UNSIGNED BIG INT":
    case "INT8":
      return ColumnTypeEnum.Int64;
    case "DATETIME":
    case "TIMESTAMP":
      return ColumnTypeEnum.DateTime;
    case "TIME":
      return ColumnTypeEnum.Time;
    case "DATE":
      return ColumnTypeEnum.Date;
    case "TEXT":
    case "CLOB":
    case "CHARACTER":
    case "VARCHAR":
    case "VARYING CHARACTER":
    case "NCHAR":
    case "NATIVE CHARACTER":
    case "NVARCHAR":
      return ColumnTypeEnum.Text;
    case "BLOB":
      return ColumnTypeEnum.Bytes;
    case "BOOLEAN":
      return ColumnTypeEnum.Boolean;
    case "JSONB":
      return ColumnTypeEnum.Json;
    default:
      return null;
  }
}

/** A column without a declared type, as the adapter infers it from its first value that is not null. */
function inferredType(rows: unknown[][], index: number): ColumnType {
  for (const row of rows) {
    const value = row[index];
    if (value === null) continue;
    if (typeof value === "string") return ColumnTypeEnum.Text;
    if (typeof value === "bigint") return ColumnTypeEnum.Int64;
    if (typeof value === "number") return ColumnTypeEnum.UnknownNumber;
    return ColumnTypeEnum.Bytes; // refused by decode, as the adapter's rows would be
  }
  return ColumnTypeEnum.Int32;
}

// The columns of a reused statement are one frozen array per statement: their types are too.
const declaredTypes = new WeakMap<readonly Column[], Array<ColumnType | null>>();

/** A statement parameter as the adapter binds it (its default ISO-8601 timestamps). */
function parameter(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** A value as the adapter's row mapping hands it on: whole numbers cut, numeric timestamps as ISO text. */
function adapted(raw: unknown, type: ColumnType): unknown {
  if (typeof raw === "number" && (type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64) && !Number.isInteger(raw)) return Math.trunc(raw);
  if ((typeof raw === "number" || typeof raw === "bigint") && type === ColumnTypeEnum.DateTime) return new Date(Number(raw)).toISOString();
  return raw;
}

/**
 * A read on the SQLite connection itself, decoded in one pass into the rows the adapter's
 * `queryRaw` and `rowsOf` make together. The adapter's path walks every value twice (its
 * own row mapping, then ours) and turns each whole number into text and back: on a 20-row
 * page that cost more than the statement. Same connection, same reused statement, same
 * parameters; a statement that fails, or that is not a read, goes the adapter's way, so
 * every error is the adapter's own.
 */
export async function sqliteRead<Row>(adapter: SqlDriverAdapter, query: SqlQuery): Promise<Row[]> {
  let statement: ReusedStatement;
  let rows: unknown[][];
  try {
    const prepared = (connectionOf(adapter).prepare as unknown as (sql: string) => ReusedStatement)(query.sql);
    if (!prepared.reader) return rowsOf<Row>(await adapter.queryRaw(query));
    statement = prepared.bind(query.args.map(parameter));
    rows = statement.raw().all() as unknown[][];
  } catch {
    return rowsOf<Row>(await adapter.queryRaw(query));
  }
  const columns = statement.columns();
  let declared = declaredTypes.get(columns);
  if (!declared) declaredTypes.set(columns, (declared = columns.map((column) => declaredType(column.type))));
  const types = declared.map((type, i) => type ?? inferredType(rows, i));
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i]!.name;
      row[name] = decode(adapted(values[i], types[i]!), types[i]!, name);
    }
    return row as Row;
  });
}
