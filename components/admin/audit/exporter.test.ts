import { describe, expect, it } from "vitest";
import type { AuditRow } from "@/lib/contracts/audit";
import { auditCsv } from "./exporter";

const row = (overrides: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: "2026-12-01T10:00:00.000Z",
  type: "login.failed",
  actorId: null,
  actorUsername: null,
  userId: null,
  username: null,
  familyId: null,
  ip: null,
  userAgent: null,
  detail: null,
  ...overrides,
});

/** The cells of one CSV line whose every cell is quoted. */
const cells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replaceAll('""', '"'));

describe("the audit CSV export", () => {
  it("neutralises every cell a spreadsheet would run as a formula, and leaves the rest as they were", () => {
    const formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"];
    const csv = auditCsv(formulas.map((text, i) => row({ id: i + 1, username: text, userAgent: text, ip: text })));
    const [header, ...lines] = csv.split("\n");
    expect(header).toBe("id,at,event,type,actor,user,ip,userAgent,detail");
    // A cell with a carriage return spans lines in the file; rejoin before reading the cells.
    const records = lines.join("\n").split(/\n(?="\d)/);
    expect(records).toHaveLength(formulas.length);
    records.forEach((record, i) => {
      const [, , , , , user, ip, userAgent] = cells(record);
      for (const cell of [user, ip, userAgent]) expect(cell).toBe(`'${formulas[i]}`);
    });
    const plain = cells(auditCsv([row({ username: "jane=doe", ip: "10.0.0.1", detail: { reason: "bad_password" } })]).split("\n")[1]!);
    expect(plain).toEqual(["1", "2026-12-01T10:00:00.000Z", "Sign-in failed", "login.failed", "", "jane=doe", "10.0.0.1", "", '{"reason":"bad_password"}']);
  });
});
