import { json } from "../http/respond";

/**
 * A page of a ra-data-simple-rest list: the rows and `Content-Range: <resource> start-end/total`,
 * with `*` for the range when the page is empty (RFC 9110's form for a range past the end).
 */
export function listResponse(resource: string, rows: unknown[], total: number, start: number): Response {
  const range = rows.length > 0 ? `${start}-${start + rows.length - 1}` : "*";
  return json(rows, { headers: { "Content-Range": `${resource} ${range}/${total}` } });
}
