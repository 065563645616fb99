import { describe, expect, it } from "vitest";
import { loginRequestSchema, tokenResponseSchema } from "./auth";
import { invoiceFilterSchema, invoiceInputSchema, invoiceSortFields } from "./invoice";
import { fieldIssues, parseListQuery } from "./list-query";

const params = (p: Record<string, string>) => new URLSearchParams(p);
const parse = (p: Record<string, string>) =>
  parseListQuery(params(p), invoiceSortFields, invoiceFilterSchema, { field: "id", order: "ASC" });

describe("contracts", () => {
  it("accept the password grant and refuse other grants or missing fields", () => {
    expect(loginRequestSchema.safeParse({ username: "a", password: "b", grant_type: "password" }).success).toBe(true);
    expect(loginRequestSchema.safeParse({ username: "a", password: "b", grant_type: "client_credentials" }).success).toBe(false);
    expect(loginRequestSchema.safeParse({ username: " ", password: "b" }).success).toBe(false);
    expect(loginRequestSchema.safeParse({ username: "a", password: 5 }).success).toBe(false);
  });

  it("describe the token response", () => {
    expect(tokenResponseSchema.safeParse({ access_token: "x", token_type: "bearer", token_expiry: 300, expires_at: 1, unread_notifications: 0 }).success).toBe(true);
    expect(tokenResponseSchema.safeParse({ access_token: "x", token_type: "Bearer", token_expiry: 300, expires_at: 1, unread_notifications: 0 }).success).toBe(false);
    // A device-bound login's answers name its key (docs/dpop.md); an unbound one's leave it out.
    expect(tokenResponseSchema.safeParse({ access_token: "x", token_type: "bearer", token_expiry: 300, expires_at: 1, unread_notifications: 0, dpop_jkt: "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" }).success).toBe(true);
    expect(tokenResponseSchema.safeParse({ access_token: "x", token_type: "bearer", token_expiry: 300, expires_at: 1, unread_notifications: 0, dpop_jkt: "" }).success).toBe(false);
    // The bell's count comes with every token (docs/notifications.md).
    expect(tokenResponseSchema.safeParse({ access_token: "x", token_type: "bearer", token_expiry: 300, expires_at: 1 }).success).toBe(false);
  });

  it("parse ra-data-simple-rest list parameters with defaults", () => {
    expect(parse({})).toEqual({ ok: true, query: { sort: { field: "id", order: "ASC" }, range: { start: 0, end: 24 }, filter: {} } });
    expect(parse({ sort: '["customer","DESC"]', range: "[25,49]", filter: '{"q":"acme","status":"paid"}' })).toEqual({
      ok: true,
      query: { sort: { field: "customer", order: "DESC" }, range: { start: 25, end: 49 }, filter: { q: "acme", status: "paid" } },
    });
  });

  it("refuse unknown sort fields, broken JSON, reversed or huge ranges and unknown filters", () => {
    const cases: Record<string, string>[] = [{ sort: '["passwordHash","ASC"]' }, { sort: '["id","UP"]' }, { range: "[5,1]" }, { range: "[0,5000]" }, { filter: "{" }, { filter: '{"x":1}' }];
    for (const p of cases) {
      expect(parse(p).ok, JSON.stringify(p)).toBe(false);
    }
  });

  it("give per-field messages for invoice input", () => {
    const result = invoiceInputSchema.safeParse({ number: "", customer: "x", amountCents: 1.5, issuedAt: "yesterday" });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldIssues(result.error)).sort()).toEqual(["amountCents", "issuedAt", "number"]);
    const ok = invoiceInputSchema.parse({ number: "A-1", customer: "x", amountCents: 100, issuedAt: "2026-01-01" });
    expect(ok).toMatchObject({ currency: "USD", status: "draft" });
  });

  it("refuse text that is not well-formed Unicode or carries control characters, with a field error", () => {
    for (const username of ["\ud800", "a\udc00b", "jo\u0000hn", "line\nbreak", "del\u007f"]) {
      const result = loginRequestSchema.safeParse({ username, password: "x" });
      expect(result.success, JSON.stringify(username)).toBe(false);
      if (!result.success) expect(fieldIssues(result.error)).toHaveProperty("username");
    }
    expect(loginRequestSchema.safeParse({ username: "johndoe", password: "\ud83d" }).success).toBe(false);
    expect(loginRequestSchema.safeParse({ username: "zoë 👩‍💻", password: "tab\tis fine" }).success).toBe(true);
    expect(invoiceInputSchema.safeParse({ number: "A-1", customer: "bad\ud800", amountCents: 1, issuedAt: "2026-01-01" }).success).toBe(false);
    for (const filter of ['{"q":"\\ud800"}', '{"customer":"\\u0000"}']) expect(parse({ filter }).ok, filter).toBe(false);
    expect(parse({ filter: '{"id":[2147483648]}' }).ok).toBe(false);
    expect(parse({ filter: '{"ownerId":0}' }).ok).toBe(false);
  });
});
