import { BulkDeleteButton, BulkExportButton, DataTable, DateField } from "react-admin";
import type { Invoice } from "@/lib/contracts/invoice";
import { RecordLink } from "../layout/RecordLink";
import { formatMoney } from "./money";
import { StatusChip } from "./StatusChip";

/** Bulk delete asks first, like the single delete. */
const bulkActions = (
  <>
    <BulkExportButton />
    <BulkDeleteButton mutationMode="pessimistic" />
  </>
);

export function InvoiceTable({ showsOwner }: { showsOwner: boolean }) {
  return (
    <DataTable<Invoice> rowClick="show" bulkActionButtons={bulkActions}>
      <DataTable.Col source="number" render={(record) => <RecordLink>{record.number}</RecordLink>} />
      <DataTable.Col source="customer" />
      <DataTable.Col source="status" render={(record) => <StatusChip status={record.status} />} />
      {/* The server sorts amounts within each currency (currency, then amount): the label says so. */}
      <DataTable.Col
        source="amountCents"
        label="Amount (by currency)"
        align="right"
        render={(record) => formatMoney(record.amountCents, record.currency)}
      />
      <DataTable.Col source="issuedAt" label="Issued" field={DateField} />
      <DataTable.Col source="dueAt" label="Due" field={DateField} />
      {showsOwner && <DataTable.Col source="ownerUsername" label="Owner" disableSort />}
    </DataTable>
  );
}
