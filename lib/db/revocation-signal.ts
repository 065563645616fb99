import type { RevocationSignal } from "../auth/storage";
import type { Database } from "./client";
import { sql } from "./engine/engine";

/**
 * The RevocationClock row, which the migrations' triggers move with every revoking write.
 * Every process reads it four times a second, whatever its load: an engine statement, not a
 * Prisma query (≈ 300 µs of query compiler a read), so a second process adds little of its own.
 */
export function prismaRevocationSignal({ engine }: Pick<Database, "engine">): RevocationSignal {
  return {
    async version() {
      const [row] = await engine.query<{ version: number }>(sql`SELECT "version" FROM "RevocationClock" WHERE "id" = 1`);
      return row ? Number(row.version) : null;
    },
  };
}
