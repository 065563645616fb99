import { beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/passwords/change-password";
import { login } from "@/lib/auth/login";
import type { PasswordHasher } from "@/lib/auth/passwords/hasher";
import { refresh } from "@/lib/auth/sessions/refresh";
import { testAuthContext } from "./helpers/test-app";

type Ctx = Awaited<ReturnType<typeof testAuthContext>>;
let base: Ctx;
let janeId: number;

beforeAll(async () => {
  base = await testAuthContext();
  janeId = (await base.db.user.findUniqueOrThrow({ where: { username: "janedoe" } })).id;
});

const client = { userAgent: "race", ip: "10.5.0.1" };
const NEW_PASSWORD = "a brand new passphrase";

/** A hasher whose login checks wait, once the password has been found right, until released. */
function gatedHasher(inner: PasswordHasher) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let checked!: () => void;
  const passwordChecked = new Promise<void>((resolve) => (checked = resolve));
  const hasher: PasswordHasher = {
    ...inner,
    async verify(password, hash) {
      const ok = await inner.verify(password, hash);
      checked();
      await released;
      return ok;
    },
  };
  return { hasher, passwordChecked, release };
}

async function setPassword(password: string) {
  await base.store.users.setPasswordHash(janeId, await base.passwords.hash(password, 4));
}

describe("a login racing a password change", () => {
  it("is not issued when the password changed between its check and its session", async () => {
    await setPassword("secret");
    const changer = await login(base, { username: "janedoe", password: "secret", presentedRefreshToken: null, ...client }, new Date());
    const familyOfChanger = JSON.parse(Buffer.from(changer.access.token.split(".")[1]!, "base64url").toString()).sid as string;
    const gate = gatedHasher(base.passwords);
    const racing = login({ ...base, passwords: gate.hasher }, { username: "janedoe", password: "secret", presentedRefreshToken: null, ...client }, new Date());
    await gate.passwordChecked;
    const principal = { userId: janeId, familyId: familyOfChanger, role: "user" as const, username: "janedoe", authTime: null };
    await changePassword(base, principal, { currentPassword: "secret", newPassword: NEW_PASSWORD, ...client }, new Date());
    gate.release();
    await expect(racing).rejects.toMatchObject({ kind: "invalid_credentials" });
    const live = await base.db.login.findMany({ where: { userId: janeId, revokedAt: null }, select: { id: true } });
    expect(live.map((login) => login.id)).toEqual([familyOfChanger]);
  });

  it("is revoked when its session was written just before the change", async () => {
    await setPassword("secret");
    const early = await login(base, { username: "janedoe", password: "secret", presentedRefreshToken: null, ...client }, new Date());
    const changer = await login(base, { username: "janedoe", password: "secret", presentedRefreshToken: null, ...client }, new Date());
    const sid = JSON.parse(Buffer.from(changer.access.token.split(".")[1]!, "base64url").toString()).sid as string;
    await changePassword(base, { userId: janeId, familyId: sid, role: "user", username: "janedoe", authTime: null }, { currentPassword: "secret", newPassword: NEW_PASSWORD, ...client }, new Date());
    await expect(refresh(base, early.refreshToken, client, new Date())).rejects.toMatchObject({ kind: "refresh_token_invalid" });
    await expect(refresh(base, changer.refreshToken, client, new Date())).resolves.toMatchObject({ refreshToken: expect.any(String) });
  });

  it("under real concurrency leaves no login that checked the old password", async () => {
    await setPassword("secret");
    const changer = await login(base, { username: "janedoe", password: "secret", presentedRefreshToken: null, ...client }, new Date());
    const sid = JSON.parse(Buffer.from(changer.access.token.split(".")[1]!, "base64url").toString()).sid as string;
    const attempts = Array.from({ length: 6 }, (_, i) =>
      login(base, { username: "janedoe", password: "secret", presentedRefreshToken: null, userAgent: "race", ip: `10.5.1.${i}` }, new Date()).then(
        (issued) => issued.refreshToken,
        () => null,
      ),
    );
    await changePassword(base, { userId: janeId, familyId: sid, role: "user", username: "janedoe", authTime: null }, { currentPassword: "secret", newPassword: NEW_PASSWORD, ...client }, new Date());
    for (const token of await Promise.all(attempts)) {
      if (token) await expect(refresh(base, token, client, new Date())).rejects.toMatchObject({ kind: "refresh_token_invalid" });
    }
  });
});
