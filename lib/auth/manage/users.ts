import type { PasswordOwner } from "../../contracts/password-policy";
import type { UserCreate, UserRow, UserUpdate } from "../../contracts/users";
import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { ClientInfo } from "../context";
import { requireFreshProof } from "../step-up/freshness";
import type { Principal } from "../guard";
import { notice, noticeIf } from "../notifications/notice";
import { checkNewPassword } from "../passwords/policy";
import { loginThrottle } from "../throttle/login-throttle";
import { canonicalUsername } from "../username";
import { actorOf, type ManageContext, requireAdmin } from "./context";
import { isSensitiveChange } from "./sensitive-change";
import type { UserChange, UserSummary, UserWriteRefusal } from "./storage";

export const toUserRow = (user: UserSummary): UserRow => ({
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  email: user.email,
  role: user.role,
  disabled: user.disabled,
  createdAt: user.createdAt.toISOString(),
  lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  activeSessions: user.activeSessions,
  totpEnabled: user.totpEnabled,
  passkeyCount: user.passkeyCount,
});

const notFound = () => errors.notFound("No such user.");

function refused(refusal: UserWriteRefusal, invoices = 0): never {
  if (refusal === "not_found") throw notFound();
  if (refusal === "last_admin") throw errors.conflict("This is the last enabled administrator: make another user an administrator first.");
  throw errors.conflict(`This user owns ${invoices} invoice${invoices === 1 ? "" : "s"}: reassign or delete them first.`);
}

async function hashNew(ctx: ManageContext, password: string, owner: PasswordOwner): Promise<string> {
  const verdict = checkNewPassword(password, owner);
  if (!verdict.ok) throw errors.validation(verdict.reason, { password: verdict.reason });
  return ctx.passwords.hash(password, ctx.config.bcryptCost);
}

async function summaryOf(ctx: ManageContext, id: number, now: Date): Promise<UserRow> {
  const user = await ctx.manage.users.get(id, now);
  if (!user) throw notFound();
  return toUserRow(user);
}

export async function getUser(ctx: ManageContext, actor: Principal, id: number, now: Date): Promise<UserRow> {
  requireAdmin(actor);
  return summaryOf(ctx, id, now);
}

export async function createUser(ctx: ManageContext, actor: Principal, input: UserCreate & ClientInfo, now: Date): Promise<UserRow> {
  requireAdmin(actor);
  requireFreshProof(ctx, actor, now);
  const username = canonicalUsername(input.username);
  const passwordHash = await hashNew(ctx, input.password, { username, email: input.email });
  const created = await ctx.manage.users.create({ username, fullName: input.fullName, email: input.email, role: input.role, passwordHash }, now);
  if (!created) throw errors.conflict("That username is taken.", { username: "Already taken" });
  await audit(ctx, input, { type: "user.created", userId: created.id, username, ...actorOf(actor), detail: { role: created.role } }, now);
  return summaryOf(ctx, created.id, now);
}

/**
 * An admin's edit; every request reads the user's current role and enabled flag, so a
 * demotion or a disable counts from the user's next request. A disabled user's logins are
 * left to be refused on use, so their tab is told that the account is the reason; a
 * password reset, or re-enabling, ends every login of the user.
 */
export async function updateUser(ctx: ManageContext, actor: Principal, id: number, input: UserUpdate & ClientInfo, now: Date): Promise<UserRow> {
  requireAdmin(actor);
  if (input.disabled === true && id === actor.userId) {
    throw errors.conflict("You cannot disable your own account.", { disabled: "Not your own account" });
  }
  const { fullName, email, role, disabled, password } = input;
  const current = await ctx.store.users.findById(id);
  if (current && isSensitiveChange(current, input)) requireFreshProof(ctx, actor, now);
  const change: UserChange = { fullName, email, role, disabled };
  if (password !== undefined) {
    if (!current) throw notFound();
    change.passwordHash = await hashNew(ctx, password, { username: current.username, email: email ?? current.email });
  }
  const result = await ctx.manage.users.update(id, change, now, ({ before, after }) => [
    ...(before.role !== after.role ? [notice("role_changed", id, input, now)] : []),
    ...(change.passwordHash ? [notice("password_reset", id, input, now)] : []),
  ]);
  if ("refused" in result) refused(result.refused, result.invoices);
  const { before, after, sessionsRevoked } = result;

  const subject = { userId: id, username: after.username, ...actorOf(actor) };
  const record = (type: Parameters<typeof audit>[2]["type"], detail?: Record<string, string | number | boolean | null>) =>
    audit(ctx, input, { type, ...subject, detail }, now);
  if (before.role !== after.role) await record("user.role_changed", { from: before.role, to: after.role });
  if (!before.disabled && after.disabled) await record("user.disabled");
  if (before.disabled && !after.disabled) await record("user.enabled", change.passwordHash ? undefined : { sessionsRevoked });
  if (change.passwordHash) await record("user.password_reset", { sessionsRevoked });
  const edited = (["fullName", "email"] as const).filter((field) => before[field] !== after[field]);
  if (edited.length) await record("user.updated", { fields: edited.join(",") });
  return summaryOf(ctx, id, now);
}

/** Deleting ends the user's logins; a user who owns invoices is refused (409), never silently stripped of them. */
export async function deleteUser(ctx: ManageContext, actor: Principal, id: number, client: ClientInfo, now: Date): Promise<UserRow> {
  requireAdmin(actor);
  requireFreshProof(ctx, actor, now);
  if (id === actor.userId) throw errors.conflict("You cannot delete your own account.");
  const row = await summaryOf(ctx, id, now);
  const result = await ctx.manage.users.delete(id, now);
  if ("refused" in result) refused(result.refused, result.invoices);
  await audit(ctx, client, { type: "user.deleted", userId: id, username: row.username, ...actorOf(actor) }, now);
  return { ...row, activeSessions: 0 };
}

/** Clears the failed-login counters and locks of the user's username, from every address. */
export async function unlockUser(ctx: ManageContext, actor: Principal, id: number, client: ClientInfo, now: Date): Promise<UserRow> {
  requireAdmin(actor);
  requireFreshProof(ctx, actor, now);
  const user = await ctx.store.users.findById(id);
  if (!user) throw notFound();
  const cleared = await loginThrottle(ctx.store.throttles, ctx.config.throttle).unlock(user.username, noticeIf("account_unlocked", id, client, now));
  await audit(ctx, client, { type: "user.unlocked", userId: id, username: user.username, ...actorOf(actor), detail: { cleared } }, now);
  return summaryOf(ctx, id, now);
}

/** "Sign out everywhere" for a user: every login of theirs ends. */
export async function signOutUser(ctx: ManageContext, actor: Principal, id: number, client: ClientInfo, now: Date): Promise<UserRow> {
  requireAdmin(actor);
  const user = await ctx.store.users.findById(id);
  if (!user) throw notFound();
  const revoked = await ctx.store.logins.revokeUserLogins(id, "admin", now, undefined, noticeIf("signed_out_by_admin", id, client, now));
  await audit(ctx, client, { type: "session.revoked", userId: id, username: user.username, ...actorOf(actor), detail: { scope: "all", sessionsRevoked: revoked } }, now);
  return summaryOf(ctx, id, now);
}
