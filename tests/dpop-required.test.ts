import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { actAsGatehouseServer } from "./helpers/client-ip";
import { deviceKey, dpop } from "./helpers/dpop";
import { BASE } from "./helpers/http";
import { ceremonyFor, passkeyFixtures, passkeys } from "./helpers/passkeys";
import { Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { randomIp } from "./helpers/totp";
import { createUser } from "./helpers/users";

/** REQUIRE_DPOP=true: a sign-in from the dashboard's origin must bind its login (docs/dpop.md). */
let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", REQUIRE_DPOP: "true" }));
});

const fromDashboard = { origin: BASE };

describe("REQUIRE_DPOP", () => {
  it("refuses a dashboard password sign-in without a proof with 401 DPOP_REQUIRED, and makes no login", async () => {
    const user = await createUser(db);
    const response = await new Browser().login(user.username, user.password, fromDashboard);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: expect.any(String), code: "DPOP_REQUIRED" });
    expect(response.headers.get("www-authenticate")).toBe('Bearer, DPoP algs="ES256"');
    expect(await db.login.count({ where: { userId: user.id } })).toBe(0);
  });

  it("signs the dashboard in with a proof, bound", async () => {
    const user = await createUser(db);
    const key = await deviceKey();
    const response = await new Browser().login(user.username, user.password, { ...fromDashboard, ...dpop(await key.proof({ htu: "/api/auth/token" })) });
    expect(response.status).toBe(200);
    expect((await response.json()).dpop_jkt).toBe(key.jkt);
  });

  it("refuses a dashboard passkey sign-in without a proof", async () => {
    const { authenticator } = await passkeyFixtures(db).withPasskey();
    const ip = randomIp();
    const { challenge_id, options } = await ceremonyFor(ip);
    const response = await passkeys.grant(new Browser(), { grant_type: "passkey", challenge_id, credential: authenticator.assert(options) }, ip);
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe("DPOP_REQUIRED");
  });

  it("keeps scripts without an Origin signing in unbound", async () => {
    const user = await createUser(db);
    const response = await new Browser().login(user.username, user.password);
    expect(response.status).toBe(200);
    expect((await response.json()).dpop_jkt).toBeUndefined();
  });
});
