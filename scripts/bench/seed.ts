// Seeds a benchmark's scratch database: the demo data (prisma/seed-data.ts) plus BENCH_USERS
// admins bench001, bench002, … whose password is BENCH_USER_PASSWORD (bcrypt cost 12, the
// app's default, like johndoe's seed hash). The login throttle counts attempts per user and
// address, so concurrent logins of one user get delayed; one user per connection measures
// the password path instead. Admins, so their invoice list is the same 20 rows as johndoe's.
// The new flows' users come as JSON: BENCH_TOTP_USERS `[{ username, secret }]` get the same
// password and confirmed TOTP (sealed with JWT_SECRET's key, as enrolment seals it);
// BENCH_PASSKEYS `[{ username, credentialId, publicKey }]` get a registered passkey (COSE key).
import bcrypt from "bcryptjs";
import { deriveKey } from "../../lib/auth/tokens/derive-key";
import { sealTotpSecret } from "../../lib/auth/factors/totp/secret";
import { timeStep } from "../../lib/auth/factors/totp/codes";
import { createDb } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed-data";

const list = <T>(name: string): T[] => (process.env[name] ? (JSON.parse(process.env[name]!) as T[]) : []);

async function main() {
  const url = process.env.DATABASE_URL;
  const count = Number(process.env.BENCH_USERS ?? 0);
  const password = process.env.BENCH_USER_PASSWORD;
  const totpUsers = list<{ username: string; secret: string }>("BENCH_TOTP_USERS");
  const passkeys = list<{ username: string; credentialId: string; publicKey: string }>("BENCH_PASSKEYS");
  if (!url) throw new Error("DATABASE_URL is not set");
  if ((count > 0 || totpUsers.length) && !password) throw new Error("BENCH_USER_PASSWORD is not set");
  if (totpUsers.length && !process.env.JWT_SECRET) throw new Error("JWT_SECRET is not set");
  const db = createDb(url);
  try {
    await seedDemoData(db);
    // One hash for all: a compare costs the same whatever the salt, and hashing is slow.
    const passwordHash = count > 0 || totpUsers.length ? await bcrypt.hash(password!, 12) : "";
    const user = (username: string, i: number, hash: string) =>
      db.user.create({ data: { username, fullName: `Bench ${i}`, email: `${username}@example.com`, passwordHash: hash, role: "admin" }, select: { id: true } });
    for (let i = 1; i <= count; i++) await user(`bench${String(i).padStart(3, "0")}`, i, passwordHash);

    const now = new Date();
    const sealKey = totpUsers.length ? deriveKey(process.env.JWT_SECRET!, "totp-secret-encryption") : new Uint8Array();
    // lastStep an hour back: every code from now on is unspent.
    for (const [i, { username, secret }] of totpUsers.entries()) {
      const { id } = await user(username, i, passwordHash);
      await db.totpFactor.create({ data: { userId: id, secretEnc: sealTotpSecret(secret, id, sealKey), enabledAt: now, lastStep: timeStep(now) - 120, updatedAt: now } });
    }
    for (const [i, { username, credentialId, publicKey }] of passkeys.entries()) {
      const { id } = await user(username, i, "");
      await db.passkey.create({
        data: { userId: id, credentialId, publicKey: new Uint8Array(Buffer.from(publicKey, "base64url")), counter: BigInt(0), transports: "internal", aaguid: "00000000-0000-0000-0000-000000000000", backedUp: true, deviceType: "multiDevice", name: "bench", createdAt: now },
      });
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
