import type { RevocationSignal } from "../auth/storage";
import type { Db } from "./client";

/** The RevocationClock row, which the migrations' triggers move with every revoking write. */
export function prismaRevocationSignal(db: Db): RevocationSignal {
  return {
    async version() {
      const row = await db.revocationClock.findUnique({ where: { id: 1 }, select: { version: true } });
      return row?.version ?? null;
    },
  };
}
