import { List, useCanAccess } from "react-admin";
import { useIsSmall } from "../layout/useIsSmall";
import { invoiceFilters } from "./InvoiceFilters";
import { InvoiceListActions } from "./InvoiceListActions";
import { InvoiceSimpleList } from "./InvoiceSimpleList";
import { InvoiceTable } from "./InvoiceTable";

export function InvoiceList() {
  const { canAccess: showsOwner = false } = useCanAccess({ action: "read", resource: "invoices.ownerUsername" });
  const isSmall = useIsSmall();
  return (
    <List filters={invoiceFilters(showsOwner, isSmall)} actions={<InvoiceListActions />} sort={{ field: "issuedAt", order: "DESC" }} perPage={25}>
      {isSmall ? <InvoiceSimpleList showsOwner={showsOwner} /> : <InvoiceTable showsOwner={showsOwner} />}
    </List>
  );
}
