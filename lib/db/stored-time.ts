/** A timestamp as SQLite stores it through Prisma's adapter: `toISOString()` with `+00:00` for `Z`. */
export type StoredTime = string;

const STORED_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
const EPOCH_MS = /^-?\d+$/;

/**
 * A timestamp in the API's form, `Date#toISOString()`, from a Date or from SQLite's stored
 * text. The usual stored form differs from it only in its suffix, so it is rewritten
 * without a Date: under Next every `new Date` goes through Next's wrapper of the
 * constructor, and a 20-row page made 80 of them. Any other form, such as a year beyond
 * 9999, goes the long way and comes out as Prisma would have read it.
 */
export function isoTimestamp(value: Date | StoredTime): string {
  if (typeof value !== "string") return value.toISOString();
  if (STORED_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  // Milliseconds, as the adapter's other timestamp format keeps them, and as it reads them.
  return new Date(EPOCH_MS.test(value) ? Number(value) : value).toISOString();
}
