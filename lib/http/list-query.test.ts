import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseListQuery } from "../contracts/list-query";
import { listQueryReader, REMEMBERED_LIST_QUERIES } from "./list-query";

const filterSchema = z.object({ status: z.array(z.string()).optional(), q: z.string().optional() }).strict();
const read = () => listQueryReader(["number"], filterSchema, { field: "id", order: "ASC" });
const request = (query: string) => new Request(`http://localhost/api/invoices${query}`);
const q = (sort: string, range: string, filter: string) =>
  `?sort=${encodeURIComponent(sort)}&range=${encodeURIComponent(range)}&filter=${encodeURIComponent(filter)}`;

describe("listQueryReader", () => {
  it("answers as parseListQuery does, for good and bad parameters alike", () => {
    const reader = read();
    for (const query of ["", q('["number","DESC"]', "[5,9]", '{"status":["paid"]}'), q('["secret","ASC"]', "[0,9]", "{}"), q('["id","ASC"]', "[9,0]", "{}"), "?filter=%7Bnot json", q('["id","ASC"]', "[0,9]", '{"other":1}')]) {
      const expected = parseListQuery(new URL(request(query).url).searchParams, ["number"], filterSchema, { field: "id", order: "ASC" });
      expect(reader(request(query))).toEqual(expected);
      expect(reader(request(query))).toEqual(expected);
    }
  });

  it("hands out a remembered answer no caller can change for the next", () => {
    const reader = read();
    const query = q('["id","ASC"]', "[0,19]", '{"status":["paid","draft"]}');
    const first = reader(request(query));
    if (!first.ok) throw new Error("expected a query");
    expect(() => (first.query.filter.status as string[]).push("void")).toThrow(TypeError);
    expect(() => Object.assign(first.query.range, { end: 999 })).toThrow(TypeError);
    const again = reader(request(query));
    expect(again).toBe(first);
    expect(again.ok && again.query).toEqual({ sort: { field: "id", order: "ASC" }, range: { start: 0, end: 19 }, filter: { status: ["paid", "draft"] } });
  });

  it("remembers a bounded number of query strings and never a very long one", () => {
    const reader = read();
    const long = q('["id","ASC"]', "[0,19]", JSON.stringify({ q: "x".repeat(3000) }));
    expect(reader(request(long))).not.toBe(reader(request(long)));
    const first = reader(request(q('["id","ASC"]', "[0,0]", "{}")));
    for (let i = 1; i <= REMEMBERED_LIST_QUERIES; i++) reader(request(q('["id","ASC"]', `[${i},${i}]`, "{}")));
    expect(reader(request(q('["id","ASC"]', "[0,0]", "{}")))).not.toBe(first);
  });
});
