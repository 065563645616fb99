import { downloadCSV, type Exporter } from "react-admin";
import type { AuditRow } from "@/lib/contracts/audit";
import { eventName } from "./names";

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // Quoted, and a leading = + - @ neutralised so a spreadsheet never runs a cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

const columns: [string, (row: AuditRow) => unknown][] = [
  ["id", (row) => row.id],
  ["at", (row) => row.at],
  ["event", (row) => eventName(row.type)],
  ["type", (row) => row.type],
  ["actor", (row) => row.actorUsername],
  ["user", (row) => row.username],
  ["ip", (row) => row.ip],
  ["userAgent", (row) => row.userAgent],
  ["detail", (row) => (row.detail ? JSON.stringify(row.detail) : "")],
];

export function auditCsv(rows: AuditRow[]): string {
  return [columns.map(([name]) => name).join(","), ...rows.map((row) => columns.map(([, value]) => cell(value(row))).join(","))].join("\n");
}

export const auditExporter: Exporter = (records) => downloadCSV(auditCsv(records as AuditRow[]), "audit-events");
