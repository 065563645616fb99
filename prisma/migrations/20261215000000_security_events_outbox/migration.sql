-- The operators' webhook outbox (docs/notifications.md#webhook-for-operators): one row per notice
-- or admin audit event, written in the event's transaction and delivered at least once.
-- CreateTable
CREATE TABLE "SecurityEventOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" TEXT NOT NULL,
    "userId" INTEGER,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "givenUpAt" DATETIME,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "lastError" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "SecurityEventOutbox_eventId_key" ON "SecurityEventOutbox"("eventId");

-- CreateIndex
CREATE INDEX "SecurityEventOutbox_deliveredAt_givenUpAt_nextAttemptAt_idx" ON "SecurityEventOutbox"("deliveredAt", "givenUpAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SecurityEventOutbox_userId_id_idx" ON "SecurityEventOutbox"("userId", "id");

