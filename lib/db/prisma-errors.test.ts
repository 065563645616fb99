import { describe, expect, it } from "vitest";
import { databaseFault } from "./prisma-errors";

const prismaError = (code: string, message: string) => Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code });

describe("databaseFault", () => {
  it("counts a transaction that found no free connection in time as busy, not as a bug", () => {
    expect(databaseFault(prismaError("P2028", "Transaction API error: Unable to start a transaction in the given time."))).toBe("busy");
    expect(databaseFault(prismaError("P2028", "Transaction API error: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms"))).toBe("busy");
  });

  it("leaves other transaction errors to surface as the bugs they are", () => {
    expect(databaseFault(prismaError("P2028", "Transaction API error: Transaction not found."))).toBeNull();
    expect(databaseFault(prismaError("P2002", "Unique constraint failed"))).toBeNull();
  });
});
