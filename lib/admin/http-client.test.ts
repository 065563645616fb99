import { describe, expect, it, vi } from "vitest";
import { createHttpClient } from "./http-client";
import { HttpError } from "./http-error";
import { NOT_CONFIRMED, type StepUpRefusal } from "./step-up";
import { FakeTime } from "./testing/fakes";

function setup(options: { tokens?: (string | null)[]; renewals?: (string | null)[]; confirm?: (refusal: StepUpRefusal) => Promise<boolean> } = {}) {
  const time = new FakeTime();
  const tokenQueue = [...(options.tokens ?? ["t1"])];
  const renewQueue = [...(options.renewals ?? ["t2"])];
  const tokens = {
    token: vi.fn(async () => (tokenQueue.length > 1 ? tokenQueue.shift()! : tokenQueue[0]!) ?? null),
    renew: vi.fn<(rejected: string) => Promise<string | null>>(async () => renewQueue.shift() ?? null),
    endSession: vi.fn(),
  };
  const answers: (Response | Error)[] = [];
  const sent: { url: string; method: string; authorization: string | null; contentType: string | null }[] = [];
  const sentAt: number[] = [];
  const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    sentAt.push(time.monotonic());
    sent.push({ url: String(url), method: init?.method ?? "GET", authorization: headers.get("Authorization"), contentType: headers.get("Content-Type") });
    const next = answers.shift() ?? json(200, {});
    if (next instanceof Error) throw next;
    return next;
  });
  const stepUp = options.confirm && { confirm: vi.fn(options.confirm) };
  const client = createHttpClient({ tokens, fetch: fetchFn as typeof fetch, timers: time, random: () => 0.5, stepUp });
  return { time, tokens, sent, sentAt, client, answer: (...r: (Response | Error)[]) => answers.push(...r) };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const offline = () => new TypeError("Failed to fetch");

/** Runs a request to completion on the fake clock. */
async function run<T>(time: FakeTime, pending: Promise<T>): Promise<T> {
  const settled = pending.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await time.advance(60_000);
  const result = await settled;
  if ("error" in result) throw result.error;
  return result.value;
}

describe("http client", () => {
  it("sends the bearer token and hands back status, headers and parsed JSON", async () => {
    const { time, sent, client, answer } = setup();
    answer(json(200, [{ id: 1 }], { "Content-Range": "invoices 0-0/1" }));
    const response = await run(time, client("/api/invoices", { body: JSON.stringify({ a: 1 }), method: "POST" }));
    expect(response.json).toEqual([{ id: 1 }]);
    expect(response.headers.get("Content-Range")).toBe("invoices 0-0/1");
    expect(sent).toEqual([{ url: "/api/invoices", method: "POST", authorization: "Bearer t1", contentType: "application/json" }]);
  });

  it("never sends a request without a token", async () => {
    const { time, sent, client } = setup({ tokens: [null] });
    const error = await run(time, client("/api/invoices")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, sessionEnded: true });
    expect(sent).toEqual([]);
  });

  it("on a 401 refreshes once and retries once with the new token", async () => {
    const { time, tokens, sent, client, answer } = setup();
    answer(json(401, { detail: "Not authenticated." }), json(200, { id: 7 }));
    const response = await run(time, client("/api/invoices/7"));
    expect(response.json).toEqual({ id: 7 });
    expect(tokens.renew).toHaveBeenCalledWith("t1");
    expect(sent.map((s) => s.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("a second 401 ends the session with a message", async () => {
    const { time, tokens, sent, client, answer } = setup();
    answer(json(401, { detail: "Not authenticated." }), json(401, { detail: "Not authenticated." }));
    const error = await run(time, client("/api/invoices/7")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, sessionEnded: true });
    expect(tokens.endSession).toHaveBeenCalledWith(expect.stringContaining("sign in again"));
    expect(sent).toHaveLength(2);
  });

  it("a failed refresh after a 401 fails the request without a second attempt", async () => {
    const { time, sent, client, answer } = setup({ renewals: [null] });
    answer(json(401, { detail: "Not authenticated." }));
    const error = await run(time, client("/api/invoices/7")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, sessionEnded: true });
    expect(sent).toHaveLength(1);
  });

  it("retries network errors and 5xx with growing delays, and never ends the session for them", async () => {
    const { time, tokens, sent, sentAt, client, answer } = setup();
    answer(offline(), json(502, {}), json(500, { detail: "Internal server error." }), json(200, { ok: true }));
    const response = await run(time, client("/api/invoices"));
    expect(response.json).toEqual({ ok: true });
    expect(sent).toHaveLength(4);
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
    expect(gaps[0]).toBeGreaterThan(0);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]).toBeGreaterThan(gaps[1]!);
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("gives up after the retries with a status 0 error, still signed in", async () => {
    const { time, tokens, sent, client, answer } = setup();
    answer(offline(), offline(), offline(), offline());
    const error = await run(time, client("/api/invoices")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, sessionEnded: false });
    expect(sent).toHaveLength(4);
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("does not repeat a POST that may have reached the server, except on 503", async () => {
    const first = setup();
    first.answer(json(500, { detail: "Internal server error." }));
    await expect(run(first.time, first.client("/api/invoices", { method: "POST", body: "{}" }))).rejects.toMatchObject({ status: 500 });
    expect(first.sent).toHaveLength(1);

    const second = setup();
    second.answer(json(503, { detail: "Busy" }), json(201, { id: 9 }));
    const created = await run(second.time, second.client("/api/invoices", { method: "POST", body: "{}" }));
    expect(created.json).toEqual({ id: 9 });
    expect(second.sent).toHaveLength(2);
  });

  it("puts the server's detail in the message and its field errors in the body", async () => {
    const { time, client, answer } = setup();
    const body = { detail: "An invoice with this number already exists.", code: "CONFLICT", errors: { number: "Already used by another invoice" } };
    answer(json(409, body));
    const error = await run(time, client("/api/invoices/3", { method: "PUT", body: "{}" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 409, message: body.detail, body });
  });

  it("stops waiting for a token after a while when the refresh cannot reach the server", async () => {
    const { time, sent, client, tokens } = setup();
    tokens.token.mockImplementation(() => new Promise(() => {}));
    const error = await run(time, client("/api/invoices")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0 });
    expect(sent).toEqual([]);
  });
});

describe("http client, a sensitive action refused for an old proof (REAUTH_REQUIRED)", () => {
  const stepUp401 = () =>
    json(401, { detail: "Confirm it's you: enter your password again to do this.", code: "REAUTH_REQUIRED", max_age: 900 }, {
      "WWW-Authenticate": 'Bearer error="insufficient_user_authentication", max_age=900',
    });
  const put = { method: "PUT", body: JSON.stringify({ role: "admin" }) };

  it("asks for confirmation, then sends the same request once more with the current token, never refreshing or signing out", async () => {
    const { time, tokens, sent, client, answer } = setup({ tokens: ["t1", "t-confirmed"], confirm: async () => true });
    answer(stepUp401(), json(200, { id: 7, role: "admin" }));
    const response = await run(time, client("/api/users/7", put));
    expect(response.json).toEqual({ id: 7, role: "admin" });
    expect(sent.map((s) => [s.method, s.authorization])).toEqual([
      ["PUT", "Bearer t1"],
      ["PUT", "Bearer t-confirmed"],
    ]);
    expect(tokens.renew).not.toHaveBeenCalled();
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("hands the dialog the server's max_age", async () => {
    const confirm = vi.fn(async () => false);
    const { time, client, answer } = setup({ confirm });
    answer(stepUp401());
    await run(time, client("/api/users/7", put)).catch(() => undefined);
    expect(confirm).toHaveBeenCalledWith({ detail: expect.stringContaining("Confirm it's you"), maxAgeSeconds: 900 });
  });

  it("on Cancel fails the request with 'Not saved: confirmation needed', sends nothing more and keeps the session", async () => {
    const { time, tokens, sent, client, answer } = setup({ confirm: async () => false });
    answer(stepUp401());
    const error = await run(time, client("/api/users/7", put)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ message: NOT_CONFIRMED, status: 401, sessionEnded: false });
    expect(sent).toHaveLength(1);
    expect(tokens.renew).not.toHaveBeenCalled();
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("asks once per request: a second refusal after confirming fails it instead of asking or retrying again", async () => {
    const confirm = vi.fn(async () => true);
    const { time, tokens, sent, client, answer } = setup({ confirm });
    answer(stepUp401(), stepUp401());
    const error = await run(time, client("/api/users/7", put)).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: NOT_CONFIRMED, sessionEnded: false });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(2);
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("without a dialog to ask, fails the request the same way and leaves the session alone", async () => {
    const { time, tokens, client, answer } = setup();
    answer(stepUp401());
    const error = await run(time, client("/api/users/7", { method: "DELETE" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: NOT_CONFIRMED, sessionEnded: false });
    expect(tokens.endSession).not.toHaveBeenCalled();
  });

  it("still treats a plain 401 after confirming as a token problem: one refresh, then the request", async () => {
    const { time, tokens, sent, client, answer } = setup({ confirm: async () => true });
    answer(stepUp401(), json(401, { detail: "Not authenticated.", code: "UNAUTHENTICATED" }), json(200, { id: 7 }));
    const response = await run(time, client("/api/users/7", put));
    expect(response.json).toEqual({ id: 7 });
    expect(tokens.renew).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(3);
  });
});

