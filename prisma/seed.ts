import bcrypt from "bcryptjs";
import { createDb } from "../lib/db/client";
import { DEFAULT_DATABASE_URL, sqliteFilePath } from "../lib/db/database-url";
import { canonicalUsername } from "../lib/db/user-repo";

// Demo data only: two known passwords ("secret") that must never reach a real deployment.
const JOHNDOE_SEED_HASH = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
const STATUSES = ["draft", "sent", "paid", "void"] as const;
const CUSTOMERS = ["Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay Imports"];
const INVOICE_COUNT = 60;

async function main() {
  const db = createDb(sqliteFilePath(process.env.DATABASE_URL || DEFAULT_DATABASE_URL));
  try {
    const john = await db.user.upsert({
      where: { username: canonicalUsername("johndoe") },
      update: {},
      create: { username: "johndoe", fullName: "John Doe", email: "johndoe@example.com", passwordHash: JOHNDOE_SEED_HASH, role: "admin" },
    });
    const existingJane = await db.user.findUnique({ where: { username: "janedoe" } });
    const jane =
      existingJane ??
      (await db.user.create({
        data: { username: "janedoe", fullName: "Jane Doe", email: "janedoe@example.com", passwordHash: await bcrypt.hash("secret", 12), role: "user" },
      }));

    const base = Date.UTC(2026, 0, 5);
    for (let i = 1; i <= INVOICE_COUNT; i++) {
      const number = `INV-${String(i).padStart(4, "0")}`;
      const issuedAt = new Date(base + i * 3 * 86_400_000);
      await db.invoice.upsert({
        where: { number },
        update: {},
        create: {
          number,
          customer: CUSTOMERS[i % CUSTOMERS.length]!,
          amountCents: 10_000 + ((i * 7919) % 490_000),
          currency: i % 5 === 0 ? "EUR" : "USD",
          status: STATUSES[i % STATUSES.length]!,
          issuedAt,
          dueAt: new Date(issuedAt.getTime() + 30 * 86_400_000),
          ownerId: i % 3 === 0 ? jane.id : john.id,
        },
      });
    }
    console.log(`Seeded users johndoe (admin) and janedoe (user), ${INVOICE_COUNT} invoices.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
