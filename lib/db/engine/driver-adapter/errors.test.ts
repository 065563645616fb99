import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { databaseFault, isStaleSnapshot, isUniqueViolation } from "./errors";

const prismaError = (code: string, message: string) => Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code });

describe("databaseFault", () => {
  it("counts a transaction that found no free connection in time as busy, not as a bug", () => {
    expect(databaseFault(prismaError("P2028", "Transaction API error: Unable to start a transaction in the given time."))).toBe("busy");
    expect(databaseFault(prismaError("P2028", "Transaction API error: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms"))).toBe("busy");
  });

  it("counts a PostgreSQL pool with no connection free in time as busy, through the client or not", () => {
    expect(databaseFault(new Error("timeout exceeded when trying to connect"))).toBe("busy");
    expect(databaseFault(new Error("timeout exceeded"))).toBeNull();
  });

  it("leaves other transaction errors to surface as the bugs they are", () => {
    expect(databaseFault(prismaError("P2028", "Transaction API error: Transaction not found."))).toBeNull();
    expect(databaseFault(prismaError("P2002", "Unique constraint failed"))).toBeNull();
  });
});

const rawError = (cause: Record<string, unknown>) =>
  Object.assign(prismaError("P2010", "Raw query failed."), { meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("errors of raw SQL", () => {
  it("recognises a unique violation by the adapter's kind, as a model query's P2002", () => {
    expect(isUniqueViolation(rawError({ kind: "UniqueConstraintViolation", originalCode: "SQLITE_CONSTRAINT_UNIQUE" }))).toBe(true);
    expect(isUniqueViolation(prismaError("P2002", "Unique constraint failed"))).toBe(true);
    expect(isUniqueViolation(rawError({ kind: "ForeignKeyConstraintViolation" }))).toBe(false);
  });

  it("reads the fault behind a raw statement the client wrapped, as it reads a model query's", () => {
    expect(databaseFault(rawError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 9 }))).toBe("unreachable");
    expect(databaseFault(rawError({ kind: "TooManyConnections", cause: "too many" }))).toBe("busy");
    expect(databaseFault(rawError({ kind: "UniqueConstraintViolation" }))).toBeNull();
  });

});

describe("errors thrown by the driver adapter itself (hot statements)", () => {
  const adapterError = (cause: ConstructorParameters<typeof DriverAdapterError>[0]) => new DriverAdapterError(cause);

  it("recognises a unique violation as through the client, and no other constraint as one", () => {
    expect(isUniqueViolation(adapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["id"] } }))).toBe(true);
    expect(isUniqueViolation(adapterError({ kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} } }))).toBe(false);
  });

  it("reads each fault kind as the client's P-code for it would be read", () => {
    expect(databaseFault(adapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 9 }))).toBe("unreachable");
    expect(databaseFault(adapterError({ kind: "ConnectionClosed" }))).toBe("unreachable");
    expect(databaseFault(adapterError({ kind: "DatabaseDoesNotExist", db: "gone" }))).toBe("missing");
    expect(databaseFault(adapterError({ kind: "TableDoesNotExist", table: "Login" }))).toBe("missing");
    expect(databaseFault(adapterError({ kind: "TooManyConnections", cause: "too many" }))).toBe("busy");
    expect(databaseFault(adapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["id"] } }))).toBeNull();
  });

  it("reads a locked file as busy and a stale snapshot as no mere wait", () => {
    expect(databaseFault(adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY", originalMessage: "database is locked" }))).toBe("busy");
    expect(isStaleSnapshot(adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY_SNAPSHOT", originalMessage: "database is locked" }))).toBe(true);
  });

  it("does not take a plain error's cause for the adapter's", () => {
    const plain = new Error("unique", { cause: { kind: "UniqueConstraintViolation", originalMessage: "unique" } });
    expect(isUniqueViolation(plain)).toBe(false);
  });
});
