-- AlterTable
ALTER TABLE "Session" ADD COLUMN "rotatedFromId" TEXT;

-- A rotation is one INSERT of the successor: inserting it claims the predecessor in the
-- same statement, or fails the whole statement when another request rotated or revoked
-- it first. One autocommit statement needs no interactive transaction.
CREATE TRIGGER "Session_rotation_claims_predecessor" AFTER INSERT ON "Session"
WHEN NEW."rotatedFromId" IS NOT NULL
BEGIN
  UPDATE "Session" SET "rotatedAt" = NEW."createdAt", "lastUsedAt" = NEW."createdAt", "replacedById" = NEW."id"
    WHERE "id" = NEW."rotatedFromId" AND "rotatedAt" IS NULL AND "revokedAt" IS NULL;
  SELECT RAISE(ABORT, 'session_already_rotated') WHERE changes() = 0;
END;
