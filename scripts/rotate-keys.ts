import { CLOCK_TOLERANCE_SECONDS } from "../lib/auth/access-token";
import { deriveKey } from "../lib/auth/derive-key";
import { addEd25519Key, retiredKeyGraceSeconds } from "../lib/auth/keys/ed25519-key-store";
import { createDb } from "../lib/db/client";
import { auditRepo } from "../lib/db/audit-repo";
import { signingKeyRepo } from "../lib/db/signing-key-repo";
import { env } from "../lib/env";

/** `npm run keys:rotate`: a new current signing key; the previous one verifies until its tokens expire. */
async function main() {
  const settings = env();
  if (settings.JWT_ALG !== "EdDSA") throw new Error("keys:rotate manages EdDSA keys; JWT_ALG is " + settings.JWT_ALG);
  const db = createDb(settings.databasePath);
  try {
    const now = new Date();
    const kid = await addEd25519Key(db, deriveKey(settings.JWT_SECRET, "signing-key-encryption"), now);
    const grace = retiredKeyGraceSeconds(settings.ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS);
    const forgetBefore = new Date(now.getTime() - grace * 1000);
    const dropped = await signingKeyRepo(db).deleteRetiredBefore(forgetBefore);
    await auditRepo(db).record({ type: "key.rotated", detail: { kid, dropped: dropped.count } }, now);
    console.log(`New current signing key ${kid}; the previous one verifies for ${grace} s more; ${dropped.count} expired key(s) removed.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Key rotation failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
