import bcrypt from "bcryptjs";
import type { Db } from "../lib/db/client";

// Demo data only: two known passwords ("secret") that must never reach a real deployment.
export const JOHNDOE_SEED_HASH = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
export const DEMO_INVOICE_COUNT = 60;
const STATUSES = ["draft", "sent", "paid", "void"] as const;
const CUSTOMERS = ["Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay Imports"];
const DAY_MS = 86_400_000;

/** Idempotent: running it twice leaves the same rows. */
export async function seedDemoData(db: Db, janedoeCost = 12) {
  const john = await db.user.upsert({
    where: { username: "johndoe" },
    update: {},
    create: { username: "johndoe", fullName: "John Doe", email: "johndoe@example.com", passwordHash: JOHNDOE_SEED_HASH, role: "admin" },
  });
  const jane =
    (await db.user.findUnique({ where: { username: "janedoe" } })) ??
    (await db.user.create({
      data: {
        username: "janedoe",
        fullName: "Jane Doe",
        email: "janedoe@example.com",
        passwordHash: await bcrypt.hash("secret", janedoeCost),
        role: "user",
      },
    }));

  const base = Date.UTC(2026, 0, 5);
  for (let i = 1; i <= DEMO_INVOICE_COUNT; i++) {
    const number = `INV-${String(i).padStart(4, "0")}`;
    const issuedAt = new Date(base + i * 3 * DAY_MS);
    const ownerId = i % 3 === 0 ? jane.id : john.id;
    await db.invoice.upsert({
      where: { ownerId_number: { ownerId, number } },
      update: {},
      create: {
        number,
        customer: CUSTOMERS[i % CUSTOMERS.length]!,
        amountCents: 10_000 + ((i * 7919) % 490_000),
        currency: i % 5 === 0 ? "EUR" : "USD",
        status: STATUSES[i % STATUSES.length]!,
        issuedAt,
        dueAt: new Date(issuedAt.getTime() + 30 * DAY_MS),
        ownerId,
      },
    });
  }
  return { john, jane };
}
