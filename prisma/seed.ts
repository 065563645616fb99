import { createDb } from "../lib/db/client";
import { DEFAULT_DATABASE_URL } from "../lib/database-kind";
import { DEMO_INVOICE_COUNT, seedDemoData } from "./seed-data";

async function main() {
  const db = createDb(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  try {
    await seedDemoData(db);
    console.log(`Demo data ready: johndoe (admin) and janedoe (user), password "secret"; ${DEMO_INVOICE_COUNT} invoices.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
