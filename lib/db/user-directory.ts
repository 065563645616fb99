import type { Prisma } from "@prisma/client";
import type { NewUser, UserDirectory, UserSummary } from "../auth/manage/storage";
import { type UserFilter, userSortFields } from "../contracts/users";
import type { Database, Db } from "./client";
import { type Dialect, type Fragment, type TransactionDb, join, raw, sql } from "./engine/engine";
import { liveLogins } from "./login-directory";
import { removeTotpRows } from "./mfa-store";
import { writeNotices } from "./notices";
import { removePasskeyRows } from "./passkey-store";
import { inIdOrder, pageOfIds } from "./page-with-total";
import { toUserRecord } from "./user-store";

const columns = { id: true, username: true, email: true, fullName: true, passwordHash: true, role: true, disabled: true, credentialVersion: true, createdAt: true } as const;
type Row = Prisma.UserGetPayload<{ select: typeof columns }>;

/** Live logins of these users, when each last signed in, and their second factors: grouped queries for a page. */
async function summarise(db: Db, rows: Row[], now: Date): Promise<UserSummary[]> {
  const ids = rows.map((row) => row.id);
  if (!ids.length) return [];
  const [live, signIns, totp, passkeys] = await Promise.all([
    db.login.groupBy({ by: ["userId"], where: { ...liveLogins(now), userId: { in: ids } }, _count: { _all: true } }),
    db.auditEvent.groupBy({ by: ["userId"], where: { userId: { in: ids }, type: "login.ok" }, _max: { at: true } }),
    db.totpFactor.findMany({ where: { userId: { in: ids }, enabledAt: { not: null } }, select: { userId: true } }),
    db.passkey.groupBy({ by: ["userId"], where: { userId: { in: ids } }, _count: { _all: true } }),
  ]);
  const passkeyCount = new Map(passkeys.map((row) => [row.userId, row._count._all]));
  const withTotp = new Set(totp.map((row) => row.userId));
  const active = new Map(live.map((row) => [row.userId!, row._count._all]));
  const lastLogin = new Map(signIns.map((login) => [login.userId!, login._max.at]));
  return rows.map((row) => {
    const { id, username, fullName, email, role, disabled } = toUserRecord(row);
    return { id, username, fullName, email, role, disabled, createdAt: row.createdAt, lastLoginAt: lastLogin.get(row.id) ?? null, activeSessions: active.get(row.id) ?? 0, totpEnabled: withTotp.has(row.id), passkeyCount: passkeyCount.get(row.id) ?? 0 };
  });
}

function userSearch({ containsText }: Pick<Dialect, "containsText">) {
  const contains = (column: "username" | "fullName" | "email", text: string) => containsText(raw(`"${column}"`), text);
  return {
    where(filter: UserFilter): Fragment {
      const and: Fragment[] = [];
      if (filter.q) and.push(sql`(${contains("username", filter.q)} OR ${contains("fullName", filter.q)} OR ${contains("email", filter.q)})`);
      if (filter.role) and.push(sql`"role" = ${filter.role}`);
      if (filter.disabled !== undefined) and.push(sql`"disabled" = ${filter.disabled}`);
      if (filter.totpEnabled !== undefined) {
        const enabled = sql`"id" IN (SELECT "userId" FROM "TotpFactor" WHERE "enabledAt" IS NOT NULL)`;
        and.push(filter.totpEnabled ? enabled : sql`NOT ${enabled}`);
      }
      if (filter.id) and.push(filter.id.length ? sql`"id" IN (${join(filter.id)})` : sql`1 = 0`);
      return and.length ? join(and, " AND ") : sql`1 = 1`;
    },
    orderBy(field: string, order: "ASC" | "DESC"): Fragment {
      // Spliced into SQL: only the contract's own names may reach it.
      if (!(userSortFields as readonly string[]).includes(field) || (order !== "ASC" && order !== "DESC")) {
        throw new Error(`Not a sortable user field: ${field.slice(0, 40)}`);
      }
      return raw(`"${field}" ${order}, "id" ASC`);
    },
  };
}

export function prismaUserDirectory({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): UserDirectory {
  const search = userSearch(engine.dialect);
  /**
   * The enabled admins' rows, locked, so that two admins demoting or disabling each other at
   * once are decided one after the other (PostgreSQL's READ COMMITTED re-reads the rows).
   */
  const enabledAdmins = sql`"role" = 'admin' AND "disabled" = ${false}`;
  const isActiveAdmin = (row: { role: string; disabled: boolean }) => row.role === "admin" && !row.disabled;
  const otherActiveAdmins = (tx: TransactionDb, id: number) => tx.user.count({ where: { role: "admin", disabled: false, id: { not: id } } });

  return {
    async list(query, now) {
      const orderBy = search.orderBy(query.sort.field, query.sort.order);
      const { ids, total } = await pageOfIds(engine, { table: "User", where: search.where(query.filter), orderBy, range: query.range });
      const rows = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: columns }) : [];
      return { rows: await summarise(db, inIdOrder(ids, rows), now), total };
    },

    async get(id, now) {
      const row = await db.user.findUnique({ where: { id }, select: columns });
      return row ? (await summarise(db, [row], now))[0]! : null;
    },

    async create(user: NewUser, now) {
      try {
        return toUserRecord(await db.user.create({ data: { ...user, createdAt: now }, select: columns }));
      } catch (error) {
        if (engine.errorKind(error) === "unique_violation") return null;
        throw error;
      }
    },

    update: (id, change, now, notices) =>
      engine.transaction(async ({ db: tx, lockRows }) => {
        await lockRows("User", enabledAdmins);
        const before = await tx.user.findUnique({ where: { id }, select: columns });
        if (!before) return { refused: "not_found" as const };
        const losesAdmin = isActiveAdmin(before) && !isActiveAdmin({ role: change.role ?? before.role, disabled: change.disabled ?? before.disabled });
        if (losesAdmin && (await otherActiveAdmins(tx, id)) === 0) return { refused: "last_admin" as const };
        // A new password moves the credential version on, so a login racing the reset ends too.
        const data = change.passwordHash ? { ...change, credentialVersion: { increment: 1 } } : change;
        const after = await tx.user.update({ where: { id }, data, select: columns });
        // In the same transaction as the write, so no refresh slips in between: a new password
        // ends the old logins, and re-enabling never brings back the logins from before.
        const reason = change.passwordHash ? "password_reset" : before.disabled && !after.disabled ? "account_disabled" : null;
        const revoked = reason ? await tx.login.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } }) : { count: 0 };
        const outcome = { before: toUserRecord(before), after: toUserRecord(after) };
        await writeNotices(tx, notices?.(outcome) ?? [], outbox);
        return { ...outcome, sessionsRevoked: revoked.count };
      }),

    resetSecondFactor: (id, now, notices) =>
      engine.transaction(async ({ db: tx }) => {
        const hadTotp = await removeTotpRows(tx, id);
        const passkeysRemoved = await removePasskeyRows(tx, id);
        const revoked = await tx.login.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now, revokedReason: "admin" } });
        const reset = { hadTotp, passkeysRemoved, sessionsRevoked: revoked.count };
        await writeNotices(tx, notices(reset), outbox);
        return reset;
      }),

    delete: (id, now) =>
      engine.transaction(async ({ db: tx, lockRows }) => {
        await lockRows("User", enabledAdmins);
        const row = await tx.user.findUnique({ where: { id }, select: columns });
        if (!row) return { refused: "not_found" as const };
        if (isActiveAdmin(row) && (await otherActiveAdmins(tx, id)) === 0) return { refused: "last_admin" as const };
        const invoices = await tx.invoice.count({ where: { ownerId: id } });
        if (invoices > 0) return { refused: "owns_invoices" as const, invoices };
        // Ended here, while they are still theirs: the delete then detaches them (userId null).
        await tx.login.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: now, revokedReason: "user_deleted" } });
        await tx.user.delete({ where: { id } });
        return { deleted: toUserRecord(row) };
      }),
  };
}
