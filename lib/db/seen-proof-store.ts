import type { SeenProofStore } from "../auth/storage";
import type { Database } from "./client";
import { sql } from "./engine/engine";

const PRUNE_EVERY_MS = 60_000;

/**
 * DPoP proofs taken, one row each until their `iat` window closes. Taking one is a single
 * insert that the primary key refuses for a duplicate, on every engine and instance; the
 * expired rows go at most once a minute per process, so storage stays about one window's
 * worth of proofs.
 */
export function prismaSeenProofStore({ engine }: Pick<Database, "engine">): SeenProofStore {
  let prunedAt = 0;

  async function pruneExpired(now: Date) {
    if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now.getTime();
    await engine.groupedWrite(sql`DELETE FROM "SeenDpopProof" WHERE "expiresAt" < ${now}`);
  }

  return {
    pruneExpired,
    async claim(id, expiresAt, now) {
      await pruneExpired(now);
      const taken = await engine.groupedWrite(sql`INSERT INTO "SeenDpopProof" ("id", "expiresAt") VALUES (${id}, ${expiresAt}) ON CONFLICT ("id") DO NOTHING`);
      return taken === 1;
    },
  };
}
