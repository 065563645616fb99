import type { z } from "zod";
import { type ListQuery, type ListQueryResult, parseListQuery } from "../contracts/list-query";

/** Distinct query strings remembered per list; a dashboard asks the same few again and again. */
export const REMEMBERED_LIST_QUERIES = 256;
const LONGEST_REMEMBERED = 2048;

/** The query string of a request's URL, without its "?". */
function queryOf(url: string): string {
  const start = url.indexOf("?");
  if (start < 0) return "";
  const end = url.indexOf("#", start);
  return url.slice(start + 1, end < 0 ? undefined : end);
}

function frozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A list route's parameters, read from its request. Reading them is a pure function of the
 * query string, and under load its JSON and zod parsing cost more than the page's statement
 * (≈ 45 µs a request in a profile), so each list remembers its last few query strings'
 * results, frozen so that no caller can change what the next one gets. Strings longer than
 * any the dashboard sends are parsed every time, so memory stays bounded.
 */
export function listQueryReader<F>(sortFields: readonly string[], filterSchema: z.ZodType<F>, defaultSort: ListQuery<F>["sort"]) {
  const remembered = new Map<string, ListQueryResult<F>>();
  return (request: Request): ListQueryResult<F> => {
    const search = queryOf(request.url);
    const known = remembered.get(search);
    if (known) return known;
    const result = frozen(parseListQuery(new URLSearchParams(search), sortFields, filterSchema, defaultSort));
    if (search.length <= LONGEST_REMEMBERED) {
      if (remembered.size >= REMEMBERED_LIST_QUERIES) remembered.delete(remembered.keys().next().value!);
      remembered.set(search, result);
    }
    return result;
  };
}
