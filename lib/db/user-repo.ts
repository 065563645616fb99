import type { Db } from "./client";

/** Usernames compare after Unicode NFKC and lower-casing; this is the stored form. */
export function canonicalUsername(username: string): string {
  return username.normalize("NFKC").toLowerCase().trim();
}

export function userRepo(db: Db) {
  return {
    findByUsername: (username: string) => db.user.findUnique({ where: { username: canonicalUsername(username) } }),
    findById: (id: number) => db.user.findUnique({ where: { id } }),
    setPasswordHash: (id: number, passwordHash: string) => db.user.update({ where: { id }, data: { passwordHash } }),
  };
}

export type UserRepo = ReturnType<typeof userRepo>;
