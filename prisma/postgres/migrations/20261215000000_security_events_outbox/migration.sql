-- The operators' webhook outbox (docs/notifications.md#webhook-for-operators): one row per notice
-- or admin audit event, written in the event's transaction and delivered at least once.
-- CreateTable
CREATE TABLE "SecurityEventOutbox" (
    "id" SERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" INTEGER,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "givenUpAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "SecurityEventOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SecurityEventOutbox_eventId_key" ON "SecurityEventOutbox"("eventId");

-- CreateIndex
CREATE INDEX "SecurityEventOutbox_deliveredAt_givenUpAt_nextAttemptAt_idx" ON "SecurityEventOutbox"("deliveredAt", "givenUpAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SecurityEventOutbox_userId_id_idx" ON "SecurityEventOutbox"("userId", "id");

