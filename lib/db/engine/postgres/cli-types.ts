import pg from "pg";

// PostgreSQL's `name` and `"char"` types, which the migration engine reads from the catalog.
const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Result = { fields?: { dataTypeID: number }[] } | undefined;
type Callback = (error: unknown, result: Result) => void;

function asText(result: Result): Result {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

/**
 * @prisma/adapter-pg 6.19 has no column type for `name` and `"char"` and throws when a
 * result holds one, which stops `prisma migrate deploy`. Both are text on the wire, so the
 * CLI process reports them as text. Only prisma.config.ts calls this: the app never reads
 * the catalog.
 */
export function readCatalogTypesAsText(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; gatehouseCatalogTypes?: true };
  if (proto.gatehouseCatalogTypes) return;
  const original = proto.query;
  proto.query = function query(this: unknown, ...args: unknown[]) {
    // pg-pool passes a callback; direct callers get a promise.
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as Callback;
      args[args.length - 1] = (error: unknown, result: Result) => callback(error, asText(result));
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    return result instanceof Promise ? result.then(asText) : result;
  };
  proto.gatehouseCatalogTypes = true;
}
