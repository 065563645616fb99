import { CLOCK_TOLERANCE_SECONDS } from "../lib/auth/tokens/access-token";
import { deriveKey } from "../lib/auth/tokens/derive-key";
import { KEY_CACHE_SECONDS, retiredKeyGraceSeconds } from "../lib/auth/tokens/keys/ed25519-key-store";
import { rotateSigningKey } from "../lib/auth/tokens/keys/rotate";
import { openDatabase } from "../lib/db/client";
import { prismaStorage } from "../lib/db/storage";
import { env } from "../lib/env";

/** `npm run keys:rotate`: a new current signing key; the previous one verifies until its tokens expire. */
async function main() {
  const settings = env();
  if (settings.JWT_ALG !== "EdDSA") throw new Error("keys:rotate manages EdDSA keys; JWT_ALG is " + settings.JWT_ALG);
  const database = openDatabase(settings.DATABASE_URL);
  try {
    const grace = retiredKeyGraceSeconds(settings.ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS);
    const encryptionKey = deriveKey(settings.JWT_SECRET, "signing-key-encryption");
    const rotated = await rotateSigningKey(prismaStorage(database), { encryptionKey, retiredKeyGraceSeconds: grace }, new Date());
    if (!rotated) throw new Error("another rotation made its key current at the same moment; run it again if you still want a new key");
    console.log(
      `New current signing key ${rotated.kid}: every running instance signs with it within ${KEY_CACHE_SECONDS} s; ` +
        `the previous one verifies for ${grace} s more; ${rotated.dropped} expired key(s) removed.`,
    );
  } finally {
    await database.db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Key rotation failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
