-- One row per login instead of one per refresh token: rotation is one conditional UPDATE of
-- the login's row, every revocation writes that same row, and a login keeps one row however
-- often it refreshes. Live logins carry over: the token each browser holds now is accepted
-- once more, as generation 0 of its login, and rotates into the sealed form.

-- CreateTable
CREATE TABLE "Login" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME NOT NULL,
    "rotatedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "absoluteExpiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "userAgent" TEXT,
    "ip" TEXT,
    "refreshHour" INTEGER,
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Login_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LegacyRefreshToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "loginId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    CONSTRAINT "LegacyRefreshToken_loginId_fkey" FOREIGN KEY ("loginId") REFERENCES "Login" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RefreshActivity" (
    "hour" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "count" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "Login_userId_idx" ON "Login"("userId");

-- CreateIndex
CREATE INDEX "LegacyRefreshToken_loginId_idx" ON "LegacyRefreshToken"("loginId");

-- Every family becomes one login. Its head (the token no successor replaced, or the newest one
-- should a family ever have had two) gives the current token, expiry, device and state.
INSERT INTO "Login" ("id", "userId", "generation", "tokenHash", "createdAt", "lastUsedAt", "rotatedAt", "expiresAt",
    "absoluteExpiresAt", "revokedAt", "revokedReason", "userAgent", "ip", "refreshHour", "refreshCount")
SELECT h."familyId", h."userId", 0, h."tokenHash",
    (SELECT MIN(s."createdAt") FROM "Session" s WHERE s."familyId" = h."familyId"),
    COALESCE(h."lastUsedAt", h."createdAt"),
    (SELECT MAX(p."rotatedAt") FROM "Session" p WHERE p."replacedById" = h."id"),
    h."expiresAt", h."familyExpiresAt", h."revokedAt", h."revokedReason", h."userAgent", h."ip", NULL, 0
FROM "Session" h
WHERE h."replacedById" IS NULL AND NOT EXISTS (
    SELECT 1 FROM "Session" o WHERE o."familyId" = h."familyId" AND o."replacedById" IS NULL
      AND (o."createdAt" > h."createdAt" OR (o."createdAt" = h."createdAt" AND o."id" > h."id")));

-- Tokens that can still matter: the head of every login whose cap has not passed (it is told
-- why its login ended), and every token of a live one (an older one presented is reuse).
INSERT INTO "LegacyRefreshToken" ("tokenHash", "loginId", "generation")
SELECT s."tokenHash", s."familyId",
    CASE
      WHEN s."tokenHash" = l."tokenHash" THEN 0
      WHEN EXISTS (SELECT 1 FROM "Session" n WHERE n."id" = s."replacedById" AND n."tokenHash" = l."tokenHash") THEN -1
      ELSE -2
    END
FROM "Session" s JOIN "Login" l ON l."id" = s."familyId"
WHERE julianday(l."absoluteExpiresAt") > julianday('now') AND (s."tokenHash" = l."tokenHash" OR l."revokedAt" IS NULL);

-- The activity chart's past refreshes, counted from the rotations the old rows recorded.
INSERT INTO "RefreshActivity" ("hour", "count")
SELECT CAST(strftime('%s', "rotatedAt") AS INTEGER) / 3600, COUNT(*) FROM "Session" WHERE "rotatedAt" IS NOT NULL GROUP BY 1;

-- DropTable (its triggers go with it)
PRAGMA foreign_keys=off;
DROP TABLE "Session";
PRAGMA foreign_keys=on;

-- Every write that can end a login moves the revocation clock, inside the writing transaction.
CREATE TRIGGER "Login_revoked_moves_clock" AFTER UPDATE OF "revokedAt" ON "Login"
BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "Login_deleted_moves_clock" AFTER DELETE ON "Login"
BEGIN UPDATE "RevocationClock" SET "version" = "version" + 1 WHERE "id" = 1; END;

-- A rotation in a later hour than the login's last one adds that hour's count to the chart's
-- table: once per login and hour, not once per refresh. A deleted login adds its last hour.
CREATE TRIGGER "Login_refresh_hour_moves_on" AFTER UPDATE OF "refreshHour" ON "Login"
WHEN OLD."refreshHour" IS NOT NULL AND OLD."refreshHour" IS NOT NEW."refreshHour" AND OLD."refreshCount" > 0
BEGIN
  INSERT INTO "RefreshActivity" ("hour", "count") VALUES (OLD."refreshHour", OLD."refreshCount")
    ON CONFLICT ("hour") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "Login_deleted_keeps_refresh_count" AFTER DELETE ON "Login"
WHEN OLD."refreshHour" IS NOT NULL AND OLD."refreshCount" > 0
BEGIN
  INSERT INTO "RefreshActivity" ("hour", "count") VALUES (OLD."refreshHour", OLD."refreshCount")
    ON CONFLICT ("hour") DO UPDATE SET "count" = "count" + excluded."count";
END;
