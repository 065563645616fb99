import { beforeAll, describe, expect, it } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import type { Db } from "@/lib/db/client";
import { BASE } from "./helpers/http";
import { accessTokenOf, Browser, listInvoices, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString());

describe("JWT_ALG=HS256 end to end", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await startTestServer({ JWT_ALG: "HS256" }));
  });

  it("signs HS256, serves the API, refreshes, publishes no key and refuses a tampered token", async () => {
    const user = await createUser(db, { prefix: "hs256", role: "admin" });
    const browser = new Browser();
    const token = await accessTokenOf(await browser.login(user.username, "secret"));
    expect(header(token)).toMatchObject({ alg: "HS256", typ: "at+jwt", kid: expect.stringMatching(/^hs256-/) });
    expect((await me(token)).status).toBe(200);
    expect((await listInvoices(token)).status).toBe(200);

    const refreshed = await browser.refresh();
    expect(refreshed.status).toBe(200);
    expect((await me(await accessTokenOf(refreshed))).status).toBe(200);

    const [h, p, s] = token.split(".");
    const tampered = `${h}.${p}.${s!.startsWith("A") ? "B" : "A"}${s!.slice(1)}`;
    expect((await me(tampered)).status).toBe(401);
    // A symmetric key is never published, and EdDSA keys are not made on the side.
    const keys = await jwksRoute.GET(new Request(`${BASE}/.well-known/jwks.json`));
    expect(await keys.json()).toEqual({ keys: [] });
    expect(await db.signingKey.count()).toBe(0);

    expect((await browser.logout()).status).toBe(204);
    expect((await me(token)).status).toBe(401);
  });
});
