-- Invoice numbers become unique per owner, so a 409 reveals nothing about other users.
DROP INDEX "Invoice_number_key";
DROP INDEX "Invoice_ownerId_idx";
CREATE UNIQUE INDEX "Invoice_ownerId_number_key" ON "Invoice"("ownerId", "number");

-- At most one current signing key, enforced by the database so racing instances agree.
ALTER TABLE "SigningKey" ADD COLUMN "current" BOOLEAN;
UPDATE "SigningKey" SET "current" = true
  WHERE "kid" = (SELECT "kid" FROM "SigningKey" WHERE "retiredAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1);
UPDATE "SigningKey" SET "retiredAt" = CURRENT_TIMESTAMP WHERE "retiredAt" IS NULL AND "current" IS NULL;
CREATE UNIQUE INDEX "SigningKey_current_key" ON "SigningKey"("current");
