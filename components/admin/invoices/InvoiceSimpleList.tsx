import { SimpleList } from "react-admin";
import type { Invoice } from "@/lib/contracts/invoice";
import { NoResults } from "../layout/NoResults";
import { formatMoney } from "./money";
import { StatusChip } from "./StatusChip";

const issued = (record: Invoice) => new Date(record.issuedAt).toLocaleDateString();

/** The invoice list on a phone: one line per invoice, the whole line opens it. */
export function InvoiceSimpleList({ showsOwner }: { showsOwner: boolean }) {
  return (
    <SimpleList<Invoice>
      rowClick="show"
      empty={<NoResults name="invoices" />}
      primaryText={(record) => `${record.number} · ${record.customer}`}
      secondaryText={(record) => `${issued(record)}${showsOwner && record.ownerUsername ? ` · ${record.ownerUsername}` : ""}`}
      tertiaryText={(record) => formatMoney(record.amountCents, record.currency)}
      rightIcon={(record) => <StatusChip status={record.status} />}
    />
  );
}
