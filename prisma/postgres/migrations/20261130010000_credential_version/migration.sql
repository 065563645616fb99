-- Every password change moves it on, and a login that checked an older password is not kept.
ALTER TABLE "User" ADD COLUMN "credentialVersion" INTEGER NOT NULL DEFAULT 0;
