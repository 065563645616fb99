import type { Db } from "./client";

export interface StoredSigningKey {
  kid: string;
  alg: string;
  publicJwk: string;
  privateKeyEnc: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export function signingKeyRepo(db: Db) {
  return {
    /** Keys that are current, or retired after `retiredAfter`, newest first. */
    trusted: (retiredAfter: Date): Promise<StoredSigningKey[]> =>
      db.signingKey.findMany({
        where: { OR: [{ retiredAt: null }, { retiredAt: { gt: retiredAfter } }] },
        orderBy: { createdAt: "desc" },
      }),

    /** Adds a key and retires every other current one, atomically. */
    addCurrent: (key: Omit<StoredSigningKey, "retiredAt">) =>
      db.$transaction([
        db.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: key.createdAt } }),
        db.signingKey.create({ data: key }),
      ]),

    /** Forgets keys retired before `before`: no token they signed can still be valid. */
    deleteRetiredBefore: (before: Date) => db.signingKey.deleteMany({ where: { retiredAt: { lt: before } } }),
  };
}
