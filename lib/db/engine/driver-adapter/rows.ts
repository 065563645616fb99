import { type ArgType, ColumnTypeEnum, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { type Fragment, render } from "../engine";

function argTypeOf(value: unknown): ArgType {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  switch (typeof value) {
    case "string":
      return { scalarType: "string", arity: "scalar" };
    case "number":
      return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
    case "bigint":
      return { scalarType: "bigint", arity: "scalar" };
    case "boolean":
      return { scalarType: "boolean", arity: "scalar" };
    default:
      if (value === null) return { scalarType: "unknown", arity: "scalar" };
      throw new TypeError(`a statement parameter of type ${typeof value} has no SQL type here`);
  }
}

/**
 * The driver adapter's form of a statement, with the placeholders its driver takes (`?` or
 * `$1`); the adapter turns each value into its driver's.
 */
export function adapterQuery(statement: Fragment, placeholder: (position: number) => string): SqlQuery {
  const { text, values } = render(statement, placeholder);
  return { sql: text, args: values, argTypes: values.map(argTypeOf) };
}

function wholeNumber(value: unknown, column: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`column ${column} holds ${String(value)}, beyond a safe integer`);
  return number;
}

/**
 * One value as Prisma's client would hand it out, for the column types our statements read;
 * whole numbers come as numbers (ours stay far below 2^53, and a larger one throws). Any
 * other type throws, so a statement reading one fails in the tests, not in a response.
 */
export function decode(value: unknown, type: number, column: string): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
    case ColumnTypeEnum.Int64:
      return wholeNumber(value, column);
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
    case ColumnTypeEnum.UnknownNumber:
      return Number(value);
    case ColumnTypeEnum.Boolean:
      // SQLite keeps booleans as 0/1 integers, which its adapter hands over as text.
      return value === true || value === 1 || value === "1" || value === 1n;
    case ColumnTypeEnum.Text:
    case ColumnTypeEnum.Character:
    case ColumnTypeEnum.Enum:
    case ColumnTypeEnum.Uuid:
      return String(value);
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    default:
      throw new TypeError(`column ${column} has a type (${type}) these statements do not read`);
  }
}

/** The adapter's result set as rows keyed by column name. */
export function rowsOf<Row>({ columnNames, columnTypes, rows }: SqlResultSet): Row[] {
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) row[columnNames[i]!] = decode(values[i], columnTypes[i]!, columnNames[i]!);
    return row as Row;
  });
}

/**
 * A timestamp as a list reads it (Dialect.timestamp): SQLite's stored text (`toISOString()` with `+00:00` for
 * `Z`, as Prisma's adapter writes it) or PostgreSQL's, formatted as `toISOString()` prints.
 */
export type TimestampText = string;

const USUAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|\+00:00)$/;

/**
 * A timestamp in the API's form, `Date#toISOString()`, from a Date or from the list's text.
 * The usual forms differ from it at most in their suffix, so they are rewritten without a
 * Date: under Next every `new Date` goes through Next's wrapper of the
 * constructor, and a 20-row page made 80 of them. Any other form, such as a year beyond
 * 9999, goes the long way and comes out as Prisma would have read it.
 */
export function isoTimestamp(value: Date | TimestampText): string {
  if (typeof value !== "string") return value.toISOString();
  if (USUAL_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  return new Date(value).toISOString();
}
