-- Device-bound logins (docs/dpop.md): a login's key thumbprint, and the DPoP proofs already seen.
-- AlterTable
ALTER TABLE "Login" ADD COLUMN     "dpopJkt" TEXT,
ADD COLUMN     "dpopProofExpiresAt" TIMESTAMP(3),
ADD COLUMN     "dpopProofId" TEXT;

-- CreateTable
CREATE TABLE "SeenDpopProof" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenDpopProof_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SeenDpopProof_expiresAt_idx" ON "SeenDpopProof"("expiresAt");


-- A rotation that takes a DPoP proof names it on the login's row, and this inserts it into the seen
-- proofs inside the rotation's own statement, so a proof seen before fails the whole rotation
-- (the primary key refuses it) and a fresh one is committed with the rotation, not on its own.
CREATE FUNCTION "take_dpop_proof"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "SeenDpopProof" ("id", "expiresAt") VALUES (NEW."dpopProofId", NEW."dpopProofExpiresAt")\073 RETURN NULL\073 END';

CREATE TRIGGER "Login_dpop_proof_seen" AFTER UPDATE OF "dpopProofId" ON "Login"
FOR EACH ROW WHEN (NEW."dpopProofId" IS NOT NULL)
EXECUTE FUNCTION "take_dpop_proof"();
