-- CreateTable
CREATE TABLE "RevocationClock" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "RevocationClock_pkey" PRIMARY KEY ("id")
);

INSERT INTO "RevocationClock" ("id", "version") VALUES (1, 0);

-- Every write that can end a login moves the clock, inside the writing transaction.
-- The adapter runs a migration statement by statement, split at every semicolon, so the
-- function body spells its semicolons as the escape \073.
CREATE FUNCTION "move_revocation_clock"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1\073 RETURN NULL\073 END';

CREATE TRIGGER "Session_revoked_moves_clock" AFTER UPDATE OF "revokedAt" ON "Session"
FOR EACH STATEMENT EXECUTE FUNCTION "move_revocation_clock"();

CREATE TRIGGER "Session_deleted_moves_clock" AFTER DELETE ON "Session"
FOR EACH STATEMENT EXECUTE FUNCTION "move_revocation_clock"();

CREATE TRIGGER "User_access_moves_clock" AFTER UPDATE OF "disabled", "role" ON "User"
FOR EACH STATEMENT EXECUTE FUNCTION "move_revocation_clock"();

CREATE TRIGGER "User_deleted_moves_clock" AFTER DELETE ON "User"
FOR EACH STATEMENT EXECUTE FUNCTION "move_revocation_clock"();
