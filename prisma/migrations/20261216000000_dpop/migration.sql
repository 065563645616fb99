-- Device-bound logins (docs/dpop.md): a login's key thumbprint, and the DPoP proofs already seen.
-- AlterTable
ALTER TABLE "Login" ADD COLUMN "dpopJkt" TEXT;
ALTER TABLE "Login" ADD COLUMN "dpopProofExpiresAt" DATETIME;
ALTER TABLE "Login" ADD COLUMN "dpopProofId" TEXT;

-- CreateTable
CREATE TABLE "SeenDpopProof" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SeenDpopProof_expiresAt_idx" ON "SeenDpopProof"("expiresAt");


-- A rotation that takes a DPoP proof names it on the login's row, and this inserts it into the seen
-- proofs inside the rotation's own statement, so a proof seen before fails the whole rotation
-- (the primary key refuses it) and a fresh one is committed with the rotation, not on its own.
CREATE TRIGGER "Login_dpop_proof_seen" AFTER UPDATE OF "dpopProofId" ON "Login"
WHEN NEW."dpopProofId" IS NOT NULL
BEGIN
  INSERT INTO "SeenDpopProof" ("id", "expiresAt") VALUES (NEW."dpopProofId", NEW."dpopProofExpiresAt");
END;
