import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw } from "@/lib/db/engine/engine";
import { REVOKING_WRITES } from "@/lib/db/revocation-columns";
import { type Provisioned, provision, testEngine } from "./helpers/provision";

/**
 * The writes that move the RevocationClock, as the migrated schema's triggers say, must be
 * the list the code keeps (lib/db/revocation-columns.ts): a column added to one and not the
 * other would let a revoked login live on in another instance's cache, or flush it for nothing.
 */
let database: Provisioned;
beforeAll(async () => {
  database = await provision();
});
afterAll(() => database.dispose());

type Watched = Record<string, { updateOf: string[]; delete: boolean }>;

/** Every trigger that moves the clock, as the database itself describes it. */
async function clockTriggers(): Promise<{ table: string; definition: string }[]> {
  if (testEngine() === "sqlite") {
    const rows = await database.engine.query<{ table: string; definition: string }>(
      raw(`SELECT "tbl_name" AS "table", "sql" AS "definition" FROM "sqlite_master" WHERE "type" = 'trigger'`),
    );
    return rows.filter((row) => row.definition.includes('"RevocationClock"'));
  }
  const [clock] = await database.engine.query<{ source: string }>(raw(`SELECT "prosrc" AS "source" FROM "pg_proc" WHERE "proname" = 'move_revocation_clock'`));
  expect(clock?.source).toContain('"RevocationClock"');
  return database.engine.query<{ table: string; definition: string }>(
    raw(`SELECT c."relname"::text AS "table", pg_get_triggerdef(t."oid") AS "definition" FROM "pg_trigger" t
      JOIN "pg_class" c ON c."oid" = t."tgrelid" JOIN "pg_proc" p ON p."oid" = t."tgfoid"
      WHERE NOT t."tgisinternal" AND p."proname" = 'move_revocation_clock'`),
  );
}

/** `AFTER UPDATE OF "a", "b" ON …` and `AFTER DELETE ON …`, in either engine's spelling. */
function watchedBy(triggers: { table: string; definition: string }[]): Watched {
  const watched: Watched = {};
  for (const { table, definition } of triggers) {
    const entry = (watched[table] ??= { updateOf: [], delete: false });
    const update = /AFTER UPDATE OF (.+?) ON /i.exec(definition);
    if (update) entry.updateOf.push(...update[1]!.split(",").map((column) => column.trim().replaceAll('"', "")));
    else if (/AFTER DELETE ON /i.test(definition)) entry.delete = true;
    else throw new Error(`a trigger moves the clock on another kind of write: ${definition}`);
  }
  for (const entry of Object.values(watched)) entry.updateOf.sort();
  return watched;
}

describe("the revocation clock's triggers", () => {
  it("move it on exactly the writes the code counts as revoking", async () => {
    const expected: Watched = Object.fromEntries(
      Object.entries(REVOKING_WRITES).map(([table, { updateOf, delete: deletes }]) => [table, { updateOf: [...updateOf].sort(), delete: deletes }]),
    );
    expect(watchedBy(await clockTriggers())).toEqual(expected);
  });
});
