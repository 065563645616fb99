-- CreateTable
CREATE TABLE "RevocationClock" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL
);

INSERT INTO "RevocationClock" ("id", "version") VALUES (1, 0);

-- Every write that can end a login moves the clock, inside the writing transaction.
CREATE TRIGGER "Session_revoked_moves_clock" AFTER UPDATE OF "revokedAt" ON "Session"
BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "Session_deleted_moves_clock" AFTER DELETE ON "Session"
BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "User_access_moves_clock" AFTER UPDATE OF "disabled", "role" ON "User"
BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "User_deleted_moves_clock" AFTER DELETE ON "User"
BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1; END;
