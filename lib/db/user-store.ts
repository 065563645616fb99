import type { UserRecord, UserStore } from "../auth/storage";
import type { Database } from "./client";
import { withNotices } from "./notices";

export const userColumns = { id: true, username: true, email: true, fullName: true, passwordHash: true, role: true, disabled: true, credentialVersion: true } as const;

type Row = Omit<UserRecord, "role"> & { role: string };

/** A stored role as the core knows it: anything but "admin" grants no more than a user's rights. */
export const roleOf = (role: string): UserRecord["role"] => (role === "admin" ? "admin" : "user");

export const toUserRecord = (row: Row): UserRecord => ({ ...row, role: roleOf(row.role) });

export function prismaUserStore({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): UserStore {
  return {
    async findByUsername(username) {
      const row = await db.user.findUnique({ where: { username }, select: userColumns });
      return row && toUserRecord(row);
    },
    async findById(id) {
      const row = await db.user.findUnique({ where: { id }, select: userColumns });
      return row && toUserRecord(row);
    },
    async setPasswordHash(id, passwordHash, notices) {
      await withNotices({ db, engine, outbox }, async (tx) => Boolean(await tx.user.update({ where: { id }, data: { passwordHash, credentialVersion: { increment: 1 } }, select: { id: true } })), notices);
    },
  };
}
