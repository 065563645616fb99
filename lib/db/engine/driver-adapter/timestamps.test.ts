import { describe, expect, it } from "vitest";
import { isoTimestamp } from "./rows";

// What Prisma's SQLite adapter writes for a Date (its default iso8601 format).
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

describe("isoTimestamp", () => {
  it("reads SQLite's stored text exactly as the Date it came from would print", () => {
    const dates = ["2026-11-30T09:12:13.622Z", "1970-01-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2024-02-29T12:00:00.5Z"];
    for (const text of dates) {
      const date = new Date(text);
      expect(isoTimestamp(stored(date))).toBe(date.toISOString());
    }
  });

  it("passes PostgreSQL's text, already in that form, through unchanged", () => {
    expect(isoTimestamp("2026-11-30T09:12:13.622Z")).toBe("2026-11-30T09:12:13.622Z");
    expect(isoTimestamp("0001-01-01T00:00:00.000Z")).toBe("0001-01-01T00:00:00.000Z");
  });

  it("reads years outside 0000-9999, whose stored form is not the usual one", () => {
    for (const date of [new Date("+010000-01-01T04:30:00.000Z"), new Date("-000001-12-31T23:00:00.000Z")]) {
      expect(stored(date)).not.toMatch(/^\d{4}-/);
      expect(isoTimestamp(stored(date))).toBe(date.toISOString());
    }
  });

  it("reads Dates", () => {
    expect(isoTimestamp(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
  });

  it("refuses text that is no time at all rather than inventing one", () => {
    expect(() => isoTimestamp("yesterday")).toThrow(RangeError);
  });
});
