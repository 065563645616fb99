-- Device-bound logins (docs/dpop.md): a login's key thumbprint, and the DPoP proofs already seen.
-- AlterTable
ALTER TABLE "Login" ADD COLUMN "dpopJkt" TEXT;

-- CreateTable
CREATE TABLE "SeenDpopProof" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SeenDpopProof_expiresAt_idx" ON "SeenDpopProof"("expiresAt");

