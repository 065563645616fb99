import { Table, TableBody, TableCell, TableRow } from "@mui/material";
import type { AuditRow } from "@/lib/contracts/audit";

/** An event's small facts as a two-column table. */
export function DetailTable({ detail }: { detail: AuditRow["detail"] }) {
  if (!detail || !Object.keys(detail).length) return null;
  return (
    <Table size="small" sx={{ width: "auto" }}>
      <TableBody>
        {Object.entries(detail).map(([key, value]) => (
          <TableRow key={key}>
            <TableCell sx={{ border: 0, py: 0, pl: 0, color: "text.secondary" }}>{key}</TableCell>
            <TableCell sx={{ border: 0, py: 0 }}>{String(value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
