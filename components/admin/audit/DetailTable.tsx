import { Table, TableBody, TableCell, TableRow } from "@mui/material";
import type { AuditRow } from "@/lib/contracts/audit";
import { detailWords } from "./detail-words";

/** An event's small facts as a two-column table. */
export function DetailTable({ detail, type }: { detail: AuditRow["detail"]; type?: string }) {
  const rows = detailWords(detail, type);
  if (!rows.length) return null;
  return (
    <Table size="small" sx={{ width: "auto" }}>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell sx={{ border: 0, py: 0, pl: 0, color: "text.secondary" }}>{label}</TableCell>
            <TableCell sx={{ border: 0, py: 0 }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
