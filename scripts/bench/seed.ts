// Seeds a benchmark's scratch database: the demo data (prisma/seed-data.ts) plus BENCH_USERS
// admins bench001, bench002, … whose password is BENCH_USER_PASSWORD (bcrypt cost 12, the
// app's default, like johndoe's seed hash). The login throttle counts attempts per user and
// address, so concurrent logins of one user get delayed; one user per connection measures
// the password path instead. Admins, so their invoice list is the same 20 rows as johndoe's.
import bcrypt from "bcryptjs";
import { createDb } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed-data";

async function main() {
  const url = process.env.DATABASE_URL;
  const count = Number(process.env.BENCH_USERS ?? 0);
  const password = process.env.BENCH_USER_PASSWORD;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (count > 0 && !password) throw new Error("BENCH_USER_PASSWORD is not set");
  const db = createDb(url);
  try {
    await seedDemoData(db);
    // One hash for all: a compare costs the same whatever the salt, and hashing is slow.
    const passwordHash = count > 0 ? await bcrypt.hash(password!, 12) : "";
    for (let i = 1; i <= count; i++) {
      const username = `bench${String(i).padStart(3, "0")}`;
      await db.user.create({ data: { username, fullName: `Bench ${i}`, email: `${username}@example.com`, passwordHash, role: "admin" } });
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
