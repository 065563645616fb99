/**
 * A timestamp as the list reads it: SQLite's stored text (`toISOString()` with `+00:00` for
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
