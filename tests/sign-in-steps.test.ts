import { beforeAll, describe, expect, it } from "vitest";
import type { AuthContext } from "@/lib/auth/context";
import { enrolledFactorsPolicy, type SecondStepPolicy } from "@/lib/auth/factors/second-step";
import { login, signIn } from "@/lib/auth/login";
import { testAuthContext } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/** The seam the factor features plug into: credentials checked, then a second step or a session. */
let base: Awaited<ReturnType<typeof testAuthContext>>;
const client = { userAgent: "vitest", ip: "127.0.0.9" };
const now = () => new Date();

beforeAll(async () => {
  base = await testAuthContext();
});

async function freshUser() {
  const user = await createUser(base.db, { prefix: "steps" });
  const logins = () => base.db.login.count({ where: { userId: user.id } });
  const events = async () => (await base.db.auditEvent.findMany({ where: { userId: user.id }, select: { type: true } })).map((e) => e.type);
  return { user, logins, events };
}

describe("sign-in steps", () => {
  it("stops before any session when the policy requires a second step", async () => {
    const { user, logins, events } = await freshUser();
    const asked: number[] = [];
    const totpForEveryone = enrolledFactorsPolicy(async (userId) => (asked.push(userId), ["totp"]));
    const ctx: AuthContext = { ...base, secondStep: totpForEveryone };

    const outcome = await signIn(ctx, { username: user.username, password: "secret", presentedRefreshToken: null, ...client }, now());
    expect(outcome).toMatchObject({ state: "second_step_required", step: { factors: ["totp"] }, proof: { user: { id: user.id }, amr: ["pwd"] } });
    expect(asked).toEqual([user.id]);
    expect(await logins()).toBe(0);
    expect(await events()).not.toContain("login.ok");

    await expect(login(ctx, { username: user.username, password: "secret", presentedRefreshToken: null, ...client }, now())).rejects.toMatchObject({
      kind: "second_step_required",
    });
    expect(await logins()).toBe(0);
  });

  it("asks the policy only once the password is right", async () => {
    const { user, logins } = await freshUser();
    let asked = 0;
    const counting: SecondStepPolicy = { required: async () => (asked++, { factors: ["totp"] }) };
    const wrong = signIn({ ...base, secondStep: counting }, { username: user.username, password: "wrong", presentedRefreshToken: null, ...client }, now());
    await expect(wrong).rejects.toMatchObject({ kind: "invalid_credentials" });
    expect(asked).toBe(0);
    expect(await logins()).toBe(0);
  });

  it("issues the session under the default policy: no factor is enrolled", async () => {
    const { user, logins, events } = await freshUser();
    expect(base.secondStep).toBeUndefined();
    const outcome = await signIn(base, { username: user.username, password: "secret", presentedRefreshToken: null, ...client }, now());
    expect(outcome.state).toBe("session_issued");
    if (outcome.state !== "session_issued") return;
    expect(outcome.proof).toMatchObject({ user: { id: user.id }, amr: ["pwd"], authTime: expect.any(Date) });
    expect(outcome.session.access.token).toEqual(expect.any(String));
    expect(outcome.session.refreshToken).toEqual(expect.any(String));
    expect(await logins()).toBe(1);
    expect(await events()).toContain("login.ok");
  });
});
