import type { SigningKeyStore } from "../auth/storage";
import type { Database } from "./client";

const columns = { kid: true, alg: true, publicJwk: true, privateKeyEnc: true, createdAt: true, retiredAt: true } as const;

export function prismaSigningKeyStore({ db, engine }: Pick<Database, "db" | "engine">): SigningKeyStore {
  return {
    trusted: (retiredAfter) =>
      db.signingKey.findMany({
        where: { OR: [{ retiredAt: null }, { retiredAt: { gt: retiredAfter } }] },
        orderBy: { createdAt: "desc" },
        select: columns,
      }),

    // The unique index on `current` lets one key win when instances race, on any database.
    // An interactive transaction, not a batch: on SQLite a batch whose statement met another
    // process's lock was retried without its other statements, and reported success.
    async addCurrent(key, replace) {
      try {
        await engine.transaction(async ({ db: tx }) => {
          if (replace) await tx.signingKey.updateMany({ where: { current: true }, data: { current: null, retiredAt: key.createdAt } });
          await tx.signingKey.create({ data: { ...key, current: true } });
        });
        return true;
      } catch (error) {
        if (engine.errorKind(error) === "unique_violation") return false;
        throw error;
      }
    },

    async deleteRetiredBefore(before) {
      const deleted = await db.signingKey.deleteMany({ where: { retiredAt: { lt: before } } });
      return deleted.count;
    },
  };
}
