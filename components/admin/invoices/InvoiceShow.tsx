import { DateField, DeleteButton, EditButton, FunctionField, Show, SimpleShowLayout, TextField, TopToolbar, useCanAccess } from "react-admin";
import { MoneyField } from "./MoneyField";
import type { Invoice } from "@/lib/contracts/invoice";
import { StatusChip } from "./StatusChip";

function ShowActions() {
  return (
    <TopToolbar>
      <EditButton />
      <DeleteButton mutationMode="pessimistic" />
    </TopToolbar>
  );
}

export function InvoiceShow() {
  const { canAccess: showsOwner } = useCanAccess({ action: "read", resource: "invoices.ownerUsername" });
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="number" />
        <TextField source="customer" />
        <FunctionField<Invoice> source="status" render={(record) => <StatusChip status={record.status} />} />
        {/* The amount names its currency ("EUR 123.45"), as in the list: no separate row. */}
        <MoneyField label="Amount" source="amountCents" />
        <DateField source="issuedAt" label="Issued" />
        <DateField source="dueAt" label="Due" emptyText="—" />
        {showsOwner && <TextField source="ownerUsername" label="Owner" />}
        <DateField source="updatedAt" label="Last changed" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
