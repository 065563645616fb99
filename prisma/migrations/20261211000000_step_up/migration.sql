-- Step-up re-authentication: each login keeps when and how its person last proved who they
-- are (lib/auth/freshness.ts). Existing logins proved it by password when they signed in.
-- AlterTable
ALTER TABLE "Login" ADD COLUMN "authTime" DATETIME;
ALTER TABLE "Login" ADD COLUMN "amr" TEXT NOT NULL DEFAULT 'pwd';

UPDATE "Login" SET "authTime" = "createdAt";
