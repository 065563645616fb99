-- One row per login instead of one per refresh token: rotation is one conditional UPDATE of
-- the login's row, every revocation writes that same row (READ COMMITTED re-checks a row it
-- waited for, so a revocation and a rotation of one login are decided one after the other),
-- and a login keeps one row however often it refreshes. Live logins carry over: the token
-- each browser holds now is accepted once more, as generation 0 of its login.
-- The adapter runs a migration statement by statement, split at every semicolon, so function
-- bodies spell their semicolons as the escape \073.

-- CreateTable
CREATE TABLE "Login" (
    "id" TEXT NOT NULL,
    "userId" INTEGER,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL,
    "rotatedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "absoluteExpiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "userAgent" TEXT,
    "ip" TEXT,
    "refreshHour" INTEGER,
    "refreshCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Login_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyRefreshToken" (
    "tokenHash" TEXT NOT NULL,
    "loginId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,

    CONSTRAINT "LegacyRefreshToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "RefreshActivity" (
    "hour" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RefreshActivity_pkey" PRIMARY KEY ("hour")
);

-- CreateIndex
CREATE INDEX "Login_userId_idx" ON "Login"("userId");

-- CreateIndex
CREATE INDEX "LegacyRefreshToken_loginId_idx" ON "LegacyRefreshToken"("loginId");

-- AddForeignKey
ALTER TABLE "Login" ADD CONSTRAINT "Login_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegacyRefreshToken" ADD CONSTRAINT "LegacyRefreshToken_loginId_fkey" FOREIGN KEY ("loginId") REFERENCES "Login"("id") ON DELETE CASCADE ON UPDATE CASCADE;

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
WHERE l."absoluteExpiresAt" > (CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AND (s."tokenHash" = l."tokenHash" OR l."revokedAt" IS NULL);

-- The activity chart's past refreshes, counted from the rotations the old rows recorded.
INSERT INTO "RefreshActivity" ("hour", "count")
SELECT FLOOR(EXTRACT(EPOCH FROM "rotatedAt") / 3600)::INTEGER, COUNT(*) FROM "Session" WHERE "rotatedAt" IS NOT NULL GROUP BY 1;

-- DropForeignKey
ALTER TABLE "Session" DROP CONSTRAINT "Session_userId_fkey";

-- DropTable (its triggers go with it)
DROP TABLE "Session";

DROP FUNCTION "claim_rotated_session"();

-- Every write that can end a login moves the revocation clock, inside the writing transaction.
CREATE TRIGGER "Login_revoked_moves_clock" AFTER UPDATE OF "revokedAt" ON "Login"
FOR EACH STATEMENT EXECUTE FUNCTION "move_revocation_clock"();

CREATE TRIGGER "Login_deleted_moves_clock" AFTER DELETE ON "Login"
FOR EACH STATEMENT EXECUTE FUNCTION "move_revocation_clock"();

-- A rotation in a later hour than the login's last one adds that hour's count to the chart's
-- table: once per login and hour, not once per refresh. A deleted login adds its last hour.
CREATE FUNCTION "add_refresh_count"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "RefreshActivity" ("hour", "count") VALUES (OLD."refreshHour", OLD."refreshCount") ON CONFLICT ("hour") DO UPDATE SET "count" = "RefreshActivity"."count" + EXCLUDED."count"\073 RETURN NULL\073 END';

CREATE TRIGGER "Login_refresh_hour_moves_on" AFTER UPDATE OF "refreshHour" ON "Login"
FOR EACH ROW WHEN (OLD."refreshHour" IS NOT NULL AND OLD."refreshHour" IS DISTINCT FROM NEW."refreshHour" AND OLD."refreshCount" > 0)
EXECUTE FUNCTION "add_refresh_count"();

CREATE TRIGGER "Login_deleted_keeps_refresh_count" AFTER DELETE ON "Login"
FOR EACH ROW WHEN (OLD."refreshHour" IS NOT NULL AND OLD."refreshCount" > 0)
EXECUTE FUNCTION "add_refresh_count"();
