import { beforeAll, describe, expect, it } from "vitest";
import type { Invoice } from "@/lib/contracts/invoice";
import { api, signIn } from "./helpers/admin-routes";
import { CHROME_MAC, notifications } from "./helpers/notifications";
import { passkeys, registeredAuthenticator } from "./helpers/passkeys";
import { createInvoice, invoiceById, listInvoices } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

/** ra-data-simple-rest's conventions, held by every list resource alike. */
let admin: string;
let jane: string;
let johnId: number;

beforeAll(async () => {
  const server = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0" });
  johnId = server.john.id;
  admin = (await signIn("johndoe")).token;
  jane = (await signIn("janedoe")).token;
  await signIn("janedoe");
  for (const name of ["Laptop", "Phone"]) await registeredAuthenticator(admin, name);
  // A sign-in from another device, and the passkeys above: the admin has notices of their own.
  await signIn("johndoe", "secret", CHROME_MAC);
});

type Lister = (params: Record<string, unknown>) => Promise<Response>;
const lists: Record<string, Lister> = {
  invoices: (params) => listInvoices(admin, params),
  users: (params) => api.listUsers(admin, params),
  sessions: (params) => api.listSessions(admin, params),
  "audit-events": (params) => api.listAudit(admin, params),
  passkeys: (params) => passkeys.list(admin, params),
  notifications: (params) => notifications.list(admin, params),
};
// Invoice, user and audit ids are numbers; a login's id is a UUID, ordered as its text.
const byId = (a: number | string, b: number | string) =>
  typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
const ids = async (response: Response) => ((await response.json()) as { id: number | string }[]).map((row) => row.id);

describe("every list resource", () => {
  for (const [resource, list] of Object.entries(lists)) {
    it(`${resource}: sorts by id, react-admin's default, in both directions`, async () => {
      const ascending = await list({ sort: ["id", "ASC"], range: [0, 99] });
      const descending = await list({ sort: ["id", "DESC"], range: [0, 99] });
      expect(ascending.status, await ascending.clone().text()).toBe(200);
      expect(descending.status).toBe(200);
      const [up, down] = [await ids(ascending), await ids(descending)];
      expect(up.length).toBeGreaterThan(0);
      expect(new Set(down)).toEqual(new Set(up));
      expect(up).toEqual([...up].sort(byId));
      expect(down).toEqual([...up].reverse());
    });

    it(`${resource}: refuses an unknown sort field with 422`, async () => {
      const response = await list({ sort: ["passwordHash", "ASC"] });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ code: "VALIDATION_FAILED", detail: expect.stringContaining("sort") });
    });

    it(`${resource}: answers a page past the end with an empty array and \`${resource} */total\``, async () => {
      const total = Number((await list({})).headers.get("content-range")!.split("/")[1]);
      expect(total).toBeGreaterThan(0);
      const past = await list({ range: [900, 909] });
      expect(past.headers.get("content-range")).toBe(`${resource} */${total}`);
      expect(await past.json()).toEqual([]);
      const first = await list({ range: [0, 0] });
      expect(first.headers.get("content-range")).toBe(`${resource} 0-0/${total}`);
    });
  }
});

describe("dates outside the calendar the databases hold", () => {
  it("are 422 in the audit filter, as they are for invoices; the calendar's last day is fine", async () => {
    for (const filter of [{ to: "10000-01-01" }, { from: "0001-01-01T00:00:00+14:00" }, { to: "9999-12-31T23:59:59-00:01" }, { from: "+010000-01-01T00:00:00Z" }]) {
      const response = await api.listAudit(admin, { filter });
      expect(response.status, JSON.stringify(filter)).toBe(422);
      expect(await response.json()).toMatchObject({ code: "VALIDATION_FAILED" });
    }
    for (const filter of [{ to: "9999-12-31" }, { from: "0001-01-01" }, { from: "0001-01-01T00:00:00Z", to: "9999-12-31T23:59:59.999Z" }]) {
      const response = await api.listAudit(admin, { filter });
      expect(response.status, JSON.stringify(filter)).toBe(200);
      expect((await response.json()).length).toBeGreaterThan(0);
    }
  });
});

describe("a row out of the caller's scope", () => {
  it("is 404 for every method, whatever the body says", async () => {
    const johns: Invoice = await (await createInvoice(admin, { number: "SCOPE-1", customer: "Scope Co", amountCents: 1, issuedAt: "2026-12-01" })).json();
    expect(johns.ownerId).toBe(johnId);
    const bodies = [{ ...johns }, { ...johns, ownerId: johnId, status: "paid" }, { status: "paid" }, { amountCents: -1 }, {}];
    const answers = [await invoiceById(jane, johns.id), await invoiceById(jane, johns.id, "DELETE")];
    for (const body of bodies) answers.push(await invoiceById(jane, johns.id, "PUT", body));
    expect(answers.map((answer) => answer.status)).toEqual(Array(answers.length).fill(404));
    for (const answer of answers) expect(await answer.json()).toEqual({ detail: "No such invoice.", code: "NOT_FOUND" });
    expect(await (await invoiceById(admin, johns.id)).json()).toEqual(johns);
  });
});
