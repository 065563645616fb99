import { json } from "../http/respond";

/** A page of a ra-data-simple-rest list: the rows and `Content-Range: <resource> start-end/total`. */
export function listResponse(resource: string, rows: unknown[], total: number, start: number): Response {
  const end = rows.length ? start + rows.length - 1 : start;
  return json(rows, { headers: { "Content-Range": `${resource} ${start}-${end}/${total}` } });
}
