import { z } from "zod";

/** ra-data-simple-rest's list parameters: JSON arrays and objects in the query string. */
export interface ListQuery<F> {
  sort: { field: string; order: "ASC" | "DESC" };
  range: { start: number; end: number };
  filter: F;
}

export const MAX_PAGE_SIZE = 1000;

const sortSchema = z.tuple([z.string(), z.enum(["ASC", "DESC"])]);
const rangeSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([start, end]) => end >= start, "range end must not be before its start")
  .refine(([start, end]) => end - start < MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} rows at a time`);

export type ListQueryResult<F> = { ok: true; query: ListQuery<F> } | { ok: false; detail: string };

/**
 * Every list sorts by `id`, react-admin's default sort for `<List>` and `<ReferenceManyField>`,
 * besides the fields its own contract names; any other field is refused.
 */
export function parseListQuery<F>(
  params: URLSearchParams,
  sortFields: readonly string[],
  filterSchema: z.ZodType<F>,
  defaultSort: ListQuery<F>["sort"],
): ListQueryResult<F> {
  const sort = parseJsonParam(params, "sort", sortSchema);
  if (!sort.ok) return sort;
  const range = parseJsonParam(params, "range", rangeSchema);
  if (!range.ok) return range;
  const filter = parseJsonParam(params, "filter", filterSchema);
  if (!filter.ok) return filter;
  const [field, order] = sort.value ?? [defaultSort.field, defaultSort.order];
  if (field !== "id" && !sortFields.includes(field)) return { ok: false, detail: `sort: unknown field "${field.slice(0, 40)}"` };
  const [start, end] = range.value ?? [0, 24];
  return { ok: true, query: { sort: { field, order }, range: { start, end }, filter: filter.value ?? ({} as F) } };
}

function parseJsonParam<T>(params: URLSearchParams, name: string, schema: z.ZodType<T>) {
  const raw = params.get(name);
  if (raw === null || raw === "") return { ok: true as const, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false as const, detail: `${name}: not valid JSON` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false as const, detail: `${name}: ${describeIssues(parsed.error)}` };
  return { ok: true as const, value: parsed.data };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** Field-by-field messages for a form, first message per field. */
export function fieldIssues(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "root";
    fields[key] ??= issue.message;
  }
  return fields;
}
