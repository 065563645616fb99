-- Attempts whose password is being checked hold a place of their own, apart from failures (lib/auth/throttle.ts).
-- AlterTable
ALTER TABLE "LoginThrottle" ADD COLUMN     "pending" INTEGER NOT NULL DEFAULT 0;

