-- AlterTable
ALTER TABLE "Session" ADD COLUMN "rotatedFromId" TEXT;

-- A rotation is one INSERT of the successor: inserting it claims the predecessor in the
-- same statement, or fails the whole statement when another request rotated or revoked
-- it first. Under the predecessor's row lock a second instance re-checks the condition
-- after the first commits, claims nothing, and its insert is undone with the statement.
-- The adapter runs a migration statement by statement, split at every semicolon, so the
-- function body spells its semicolons as the escape \073.
CREATE FUNCTION "claim_rotated_session"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "Session" SET "rotatedAt" = NEW."createdAt", "lastUsedAt" = NEW."createdAt", "replacedById" = NEW."id" WHERE "id" = NEW."rotatedFromId" AND "rotatedAt" IS NULL AND "revokedAt" IS NULL\073 IF NOT FOUND THEN RAISE EXCEPTION \'session_already_rotated\'\073 END IF\073 RETURN NULL\073 END';

CREATE TRIGGER "Session_rotation_claims_predecessor" AFTER INSERT ON "Session"
FOR EACH ROW WHEN (NEW."rotatedFromId" IS NOT NULL) EXECUTE FUNCTION "claim_rotated_session"();
