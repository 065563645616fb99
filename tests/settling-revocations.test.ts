import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, signIn } from "./helpers/admin-routes";
import { testEngine } from "./helpers/provision";
import { listInvoices } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/**
 * An admin disables a user in a transaction. The live-login view forgets when the disabling
 * statement returns, but on PostgreSQL the write is invisible to other connections until the
 * COMMIT: a request read in between remembers the login as live. The server forgets again
 * once the request's work is done (settlingRevocations), so the answer read in that window
 * does not outlive the response. The commit is made slow here (a trigger deferred to COMMIT
 * that sleeps), and a request is made while it sleeps. On SQLite every request shares the one
 * connection, whose reads see the transaction's writes at once: there is no window.
 */
const COMMIT_SLEEP_SECONDS = 0.3;
let db: Awaited<ReturnType<typeof startTestServer>>["db"];
let url: string;
let observer: pg.Client | null = null;

beforeAll(async () => {
  ({ db, url } = await startTestServer());
  if (testEngine() !== "postgres") return;
  observer = new pg.Client({ connectionString: url });
  await observer.connect();
  await observer.query(`CREATE FUNCTION "test_slow_commit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(${COMMIT_SLEEP_SECONDS}); RETURN NULL; END $$`);
  await observer.query(`CREATE CONSTRAINT TRIGGER "test_slow_commit" AFTER UPDATE OF "disabled" ON "User" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "test_slow_commit"()`);
});
afterAll(() => observer?.end());

/** Resolves once a transaction sleeps in its COMMIT (PostgreSQL), or at once (SQLite, where no window exists). */
async function untilCommitSleeps() {
  if (!observer) return;
  for (;;) {
    const { rows } = await observer.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'");
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("a revocation written in a transaction", () => {
  it("is refused on this instance on the very next request, even when a request read the login before the commit", async () => {
    const user = await createUser(db, { prefix: "settle" });
    const { token } = await signIn(user.username);
    // The invoice list asks only the guard (and so the view), unlike /api/auth/me, which reads the user again.
    const admin = (await signIn("johndoe")).token;
    // Known to the view, and the view's look at the revocation clock is fresh.
    for (let i = 0; i < 3; i++) expect((await listInvoices(token)).status).toBe(200);

    const disabling = api.updateUser(admin, user.id, { disabled: true });
    await untilCommitSleeps();
    // Read while the commit has not happened (PostgreSQL): still live, and remembered.
    for (let i = 0; i < 3; i++) {
      const status = (await listInvoices(token)).status;
      if (observer) expect(status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await disabling).status).toBe(200);
    expect((await listInvoices(token)).status).toBe(401);
  });
});
