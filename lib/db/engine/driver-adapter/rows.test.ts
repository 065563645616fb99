import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { raw, sql } from "../engine";
import { adapterQuery, rowsOf } from "./rows";

const question = () => "?";

const { Int32, Int64, Boolean: Bool, Text, DateTime, UnknownNumber, Json } = ColumnTypeEnum;

describe("adapterQuery", () => {
  it("types each parameter from its value, as the adapters bind them", () => {
    const at = new Date("2026-11-30T10:00:00Z");
    expect(adapterQuery(sql`SELECT ${"a"}, ${7}, ${1.5}, ${at}, ${null}, ${true}`, question)).toEqual({
      sql: "SELECT ?, ?, ?, ?, ?, ?",
      args: ["a", 7, 1.5, at, null, true],
      argTypes: ["string", "int", "float", "datetime", "unknown", "boolean"].map((scalarType) => ({ scalarType, arity: "scalar" })),
    });
  });

  it("splices nested fragments in and numbers the placeholders across them", () => {
    const where = sql`"a" = ${1} AND ${raw('"b"')} = ${"x"}`;
    expect(adapterQuery(sql`SELECT * FROM t WHERE ${where} LIMIT ${5}`, (n) => `$${n}`)).toMatchObject({ sql: 'SELECT * FROM t WHERE "a" = $1 AND "b" = $2 LIMIT $3', args: [1, "x", 5] });
  });

  it("refuses a parameter that has no SQL type, rather than binding whatever it turns into", () => {
    expect(() => adapterQuery(sql`SELECT ${{ id: 1 }}`, question)).toThrow(/has no SQL type/);
  });
});

describe("rowsOf", () => {
  const resultSet = (columnTypes: number[], rows: unknown[][]) => ({ columnNames: columnTypes.map((_, i) => `c${i}`), columnTypes, rows }) as Parameters<typeof rowsOf>[0];

  it("reads whole numbers, booleans, text and timestamps as the client hands them out", () => {
    const rows = rowsOf(resultSet([Int32, Int64, Bool, Bool, Text, DateTime, UnknownNumber], [[7, "60", "1", false, "ada", "2026-11-30T10:00:00.000+00:00", 2.5]]));
    expect(rows).toEqual([{ c0: 7, c1: 60, c2: true, c3: false, c4: "ada", c5: new Date("2026-11-30T10:00:00Z"), c6: 2.5 }]);
  });

  it("reads SQLite's 0 as false, not as a non-empty string", () => {
    expect(rowsOf(resultSet([Bool, Bool], [["0", 0]]))).toEqual([{ c0: false, c1: false }]);
  });

  it("keeps nulls null in every column type", () => {
    expect(rowsOf(resultSet([Int64, Bool, DateTime, Text], [[null, null, null, null]]))).toEqual([{ c0: null, c1: null, c2: null, c3: null }]);
  });

  it("throws on a whole number beyond 2^53 instead of rounding it", () => {
    expect(() => rowsOf(resultSet([Int64], [["9007199254740993"]]))).toThrow(/beyond a safe integer/);
  });

  it("throws on a column type these statements do not read", () => {
    expect(() => rowsOf(resultSet([Json], [['{"a":1}']]))).toThrow(/c0 has a type/);
  });
});
