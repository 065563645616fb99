import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { databaseFault, isRotationRefused, isStaleSnapshot, isUniqueViolation } from "./prisma-errors";

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

  it("recognises the rotation trigger's refusal by its own message only", () => {
    expect(isRotationRefused(rawError({ kind: "ForeignKeyConstraintViolation", originalMessage: "session_already_rotated" }))).toBe(true);
    expect(isRotationRefused(rawError({ kind: "postgres", originalMessage: "session_already_rotated" }))).toBe(true);
    expect(isRotationRefused(rawError({ kind: "ForeignKeyConstraintViolation", originalMessage: "FOREIGN KEY constraint failed" }))).toBe(false);
    expect(isRotationRefused(new Error("session_already_rotated"))).toBe(false);
  });
});

describe("errors thrown by the driver adapter itself (hot statements)", () => {
  const adapterError = (cause: ConstructorParameters<typeof DriverAdapterError>[0]) => new DriverAdapterError(cause);

  it("recognises a unique violation and the rotation trigger's refusal as through the client", () => {
    expect(isUniqueViolation(adapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["id"] } }))).toBe(true);
    const refused = adapterError({ kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} }, originalCode: "SQLITE_CONSTRAINT_TRIGGER", originalMessage: "session_already_rotated" });
    expect(isRotationRefused(refused)).toBe(true);
    expect(isUniqueViolation(refused)).toBe(false);
  });

  it("reads each fault kind as the client's P-code for it would be read", () => {
    expect(databaseFault(adapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 9 }))).toBe("unreachable");
    expect(databaseFault(adapterError({ kind: "ConnectionClosed" }))).toBe("unreachable");
    expect(databaseFault(adapterError({ kind: "DatabaseDoesNotExist", db: "gone" }))).toBe("missing");
    expect(databaseFault(adapterError({ kind: "TableDoesNotExist", table: "Session" }))).toBe("missing");
    expect(databaseFault(adapterError({ kind: "TooManyConnections", cause: "too many" }))).toBe("busy");
    expect(databaseFault(adapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["id"] } }))).toBeNull();
  });

  it("reads a locked file as busy and a stale snapshot as no mere wait", () => {
    expect(databaseFault(adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY", originalMessage: "database is locked" }))).toBe("busy");
    expect(isStaleSnapshot(adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY_SNAPSHOT", originalMessage: "database is locked" }))).toBe(true);
  });

  it("does not take a plain error's cause for the adapter's", () => {
    const plain = new Error("session_already_rotated", { cause: { kind: "UniqueConstraintViolation", originalMessage: "session_already_rotated" } });
    expect(isRotationRefused(plain)).toBe(false);
    expect(isUniqueViolation(plain)).toBe(false);
  });
});
