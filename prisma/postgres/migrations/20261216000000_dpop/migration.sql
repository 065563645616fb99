-- Device-bound logins (docs/dpop.md): a login's key thumbprint, and the DPoP proofs already seen.
-- AlterTable
ALTER TABLE "Login" ADD COLUMN     "dpopJkt" TEXT;

-- CreateTable
CREATE TABLE "SeenDpopProof" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenDpopProof_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SeenDpopProof_expiresAt_idx" ON "SeenDpopProof"("expiresAt");

