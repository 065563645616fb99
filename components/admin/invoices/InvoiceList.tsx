import { DataTable, DateField, List, useCanAccess } from "react-admin";
import type { Invoice } from "@/lib/contracts/invoice";
import { invoiceFilters } from "./InvoiceFilters";
import { formatMoney } from "./money";
import { statusChoices } from "./statuses";

const statusName = (status: string) => statusChoices.find((c) => c.id === status)?.name ?? status;

export function InvoiceList() {
  const { canAccess: showsOwner } = useCanAccess({ action: "read", resource: "invoices.ownerUsername" });
  return (
    <List filters={invoiceFilters} sort={{ field: "issuedAt", order: "DESC" }} perPage={25}>
      <DataTable<Invoice> rowClick="show">
        <DataTable.Col source="number" />
        <DataTable.Col source="customer" />
        <DataTable.Col source="status" render={(record) => statusName(record.status)} />
        <DataTable.Col
          source="amountCents"
          label="Amount"
          align="right"
          render={(record) => formatMoney(record.amountCents, record.currency)}
        />
        <DataTable.Col source="issuedAt" label="Issued" field={DateField} />
        <DataTable.Col source="dueAt" label="Due" field={DateField} />
        {showsOwner && <DataTable.Col source="ownerUsername" label="Owner" disableSort />}
      </DataTable>
    </List>
  );
}
