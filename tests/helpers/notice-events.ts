import * as passwordRoute from "@/app/api/auth/password/route";
import type { NotificationType } from "@/lib/contracts/notifications";
import type { Db } from "@/lib/db/client";
import { createHash } from "node:crypto";
import { api, signIn } from "./admin-routes";
import { advanceClock, setClock } from "./clock";
import { jsonRequest } from "./http";
import { CHROME_MAC, FIREFOX_WINDOWS } from "./notifications";
import { passkeys, registeredAuthenticator } from "./passkeys";
import { Browser } from "./routes";
import { account, codeAt, mfaTokenFor, randomIp, recoveryGrant, userWithTotp } from "./totp";
import { createUser } from "./users";

/**
 * One event per notice type, ready to happen: `act` makes it through the real route handler,
 * `happened` tells from the database whether its write is there, and `sessionId` names the
 * login the notice must name (when it names one).
 */
export interface ReadyEvent {
  userId: number;
  act: () => Promise<Response>;
  happened: () => Promise<boolean>;
  sessionId?: () => Promise<string>;
  /** For an event of several writes: whether none of them is there (after a rollback). */
  untouched?: () => Promise<boolean>;
  /** The answer when the event happened, if not a 2xx: a detected reuse is refused by design. */
  answers?: number;
}

export interface NoticeEvent {
  name: string;
  type: NotificationType;
  prepare: (db: Db) => Promise<ReadyEvent>;
}

const adminToken = async () => (await signIn("johndoe")).token;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const loginIdOf = async (db: Db, userId: number, userAgent?: string) =>
  (await db.login.findFirstOrThrow({ where: { userId, ...(userAgent && { userAgent }) }, orderBy: { createdAt: "desc" }, select: { id: true } })).id;
const isRevoked = async (db: Db, id: string) => (await db.login.findUniqueOrThrow({ where: { id } })).revokedAt !== null;

async function signedInUser(db: Db, userAgent = FIREFOX_WINDOWS) {
  const user = await createUser(db, { prefix: "notice" });
  const session = await signIn(user.username, user.password, userAgent);
  return { user, ...session, loginId: await loginIdOf(db, user.id) };
}

export const noticeEvents: NoticeEvent[] = [
  {
    name: "a sign-in from a new device",
    type: "new_device_sign_in",
    async prepare(db) {
      const { user } = await signedInUser(db);
      return {
        userId: user.id,
        act: () => new Browser().login(user.username, user.password, { "user-agent": CHROME_MAC }),
        happened: async () => (await db.login.count({ where: { userId: user.id, userAgent: CHROME_MAC } })) === 1,
        sessionId: () => loginIdOf(db, user.id, CHROME_MAC),
      };
    },
  },
  {
    name: "a password change",
    type: "password_changed",
    async prepare(db) {
      const { user, token, loginId } = await signedInUser(db);
      const body = { current_password: user.password, new_password: "a perfectly fine passphrase 26" };
      return {
        userId: user.id,
        act: () => passwordRoute.POST(jsonRequest("/api/auth/password", body, { headers: bearer(token) })),
        happened: async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash !== user.passwordHash,
        sessionId: async () => loginId,
      };
    },
  },
  {
    name: "an administrator's password reset",
    type: "password_reset",
    async prepare(db) {
      const user = await createUser(db, { prefix: "notice" });
      const admin = await adminToken();
      return {
        userId: user.id,
        act: () => api.updateUser(admin, user.id, { password: "a perfectly fine passphrase 26" }),
        happened: async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).credentialVersion > user.credentialVersion,
      };
    },
  },
  {
    name: "an administrator ending one login",
    type: "signed_out_by_admin",
    async prepare(db) {
      const { user, loginId } = await signedInUser(db);
      const admin = await adminToken();
      return { userId: user.id, act: () => api.endSession(admin, loginId), happened: () => isRevoked(db, loginId), sessionId: async () => loginId };
    },
  },
  {
    name: "an administrator signing someone out everywhere",
    type: "signed_out_by_admin",
    async prepare(db) {
      const { user, loginId } = await signedInUser(db);
      const admin = await adminToken();
      return { userId: user.id, act: () => api.signOutUser(admin, user.id), happened: () => isRevoked(db, loginId) };
    },
  },
  {
    name: "an administrator unlocking an account",
    type: "account_unlocked",
    async prepare(db) {
      const user = await createUser(db, { prefix: "notice" });
      const key = `pair:${createHash("sha256").update(user.username).digest("hex")}:locked`;
      await db.loginThrottle.create({ data: { key, failures: 10, windowStart: new Date(), updatedAt: new Date(), lockedUntil: new Date(Date.now() + 3_600_000) } });
      const admin = await adminToken();
      return { userId: user.id, act: () => api.unlockUser(admin, user.id), happened: async () => (await db.loginThrottle.count({ where: { key } })) === 0 };
    },
  },
  {
    name: "a role change",
    type: "role_changed",
    async prepare(db) {
      const user = await createUser(db, { prefix: "notice" });
      const admin = await adminToken();
      return {
        userId: user.id,
        act: () => api.updateUser(admin, user.id, { role: "admin" }),
        happened: async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).role === "admin",
      };
    },
  },
  {
    name: "a refresh token used twice",
    type: "reuse_detected",
    async prepare(db) {
      const { user, browser, loginId } = await signedInUser(db);
      const stolen = browser.jar.header();
      await browser.refresh();
      await browser.refresh();
      const thief = new Browser();
      const [name, value] = stolen.split("=", 2) as [string, string];
      thief.jar.set(name, value);
      return { userId: user.id, act: () => thief.refresh(), happened: () => isRevoked(db, loginId), sessionId: async () => loginId, answers: 401 };
    },
  },
  {
    name: "turning TOTP on",
    type: "totp_enabled",
    async prepare(db) {
      const { user, token, loginId } = await signedInUser(db);
      const { secret } = (await (await account.enrol(token)).json()) as { secret: string };
      return {
        userId: user.id,
        act: () => account.confirm(token, codeAt(secret)),
        happened: async () => (await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } })).enabledAt !== null,
        sessionId: async () => loginId,
      };
    },
  },
  {
    name: "turning TOTP off",
    type: "totp_disabled",
    async prepare(db) {
      setClock(new Date());
      const { user, token, secret } = await userWithTotp(db);
      advanceClock(30);
      return {
        userId: user.id,
        act: () => account.turnOff(token, codeAt(secret)),
        happened: async () => (await db.totpFactor.count({ where: { userId: user.id } })) === 0,
        sessionId: () => loginIdOf(db, user.id),
      };
    },
  },
  {
    name: "signing in with a recovery code",
    type: "recovery_code_used",
    async prepare(db) {
      const { user, recoveryCodes } = await userWithTotp(db);
      const ip = randomIp();
      const browser = new Browser();
      const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
      return {
        userId: user.id,
        act: () => recoveryGrant(browser, mfaToken, recoveryCodes[0]!, ip),
        happened: async () => (await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })) === 1,
      };
    },
  },
  {
    name: "an administrator resetting the second factor",
    type: "mfa_reset_by_admin",
    async prepare(db) {
      const { user } = await userWithTotp(db);
      const admin = await adminToken();
      return {
        userId: user.id,
        act: () => account.resetByAdmin(admin, user.id),
        happened: async () => (await db.totpFactor.count({ where: { userId: user.id } })) === 0 && (await db.login.count({ where: { userId: user.id, revokedAt: null } })) === 0,
        untouched: async () =>
          (await db.totpFactor.count({ where: { userId: user.id } })) === 1 &&
          (await db.recoveryCode.count({ where: { userId: user.id } })) === 10 &&
          (await db.login.count({ where: { userId: user.id, revokedAt: { not: null } } })) === 0,
      };
    },
  },
  {
    name: "adding a passkey",
    type: "passkey_added",
    async prepare(db) {
      const { user, token, loginId } = await signedInUser(db);
      return {
        userId: user.id,
        act: async () => {
          try {
            await registeredAuthenticator(token);
            return new Response(null, { status: 201 });
          } catch (error) {
            return new Response(String(error), { status: 500 });
          }
        },
        happened: async () => (await db.passkey.count({ where: { userId: user.id } })) === 1,
        sessionId: async () => loginId,
      };
    },
  },
  {
    name: "removing a passkey",
    type: "passkey_removed",
    async prepare(db) {
      const { user, token, loginId } = await signedInUser(db);
      const { id } = await registeredAuthenticator(token);
      return { userId: user.id, act: () => passkeys.remove(token, id), happened: async () => (await db.passkey.count({ where: { id } })) === 0, sessionId: async () => loginId };
    },
  },
];
