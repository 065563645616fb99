-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "actorId" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "actorUsername" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

