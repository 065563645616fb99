import type { PrismaClient } from "@prisma/client";
import { REVOKING_WRITES } from "./revocation-columns";

/** Counts this process's writes that can end a login, and tells whoever listens. */
export interface RevokingWrites {
  readonly count: number;
  subscribe(listener: () => void): void;
}

const DELETES = new Set(["delete", "deleteMany"]);
const UPDATES = new Set(["update", "updateMany", "updateManyAndReturn", "upsert"]);

function revokes(model: string | undefined, operation: string, args: unknown): boolean {
  const watched = model && Object.hasOwn(REVOKING_WRITES, model) ? REVOKING_WRITES[model as keyof typeof REVOKING_WRITES] : undefined;
  if (!watched) return false;
  if (DELETES.has(operation)) return watched.delete;
  const columns: readonly string[] = watched.updateOf;
  if (!UPDATES.has(operation)) return false;
  const { data, update } = (args ?? {}) as { data?: object; update?: object };
  return columns.some((column) => (data && column in data) || (update && column in update));
}

/**
 * Wraps a client so every revoking write through it is counted once it has run. Raw SQL
 * is not seen here: no repository revokes with raw SQL, and the triggers still see it.
 */
export function watchRevokingWrites<C extends PrismaClient>(client: C): { client: C; writes: RevokingWrites } {
  const listeners: Array<() => void> = [];
  let count = 0;
  const extended = client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const result = await query(args);
        if (revokes(model, operation, args)) {
          count++;
          for (const listener of listeners) listener();
        }
        return result;
      },
    },
  });
  const writes: RevokingWrites = {
    get count() {
      return count;
    },
    subscribe: (listener) => void listeners.push(listener),
  };
  // The extension only observes each operation; the client's API is unchanged.
  return { client: extended as unknown as C, writes };
}
