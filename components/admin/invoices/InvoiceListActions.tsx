import { CreateButton, ExportButton, FilterButton, SortButton, TopToolbar } from "react-admin";
import { useIsSmall } from "../layout/useIsSmall";

/** On a phone, where there are no column headers to click, a sort menu; then the usual actions. */
export function InvoiceListActions() {
  const isSmall = useIsSmall();
  return (
    <TopToolbar>
      {isSmall && <SortButton fields={["issuedAt", "dueAt", "number", "customer", "amountCents", "status"]} />}
      <FilterButton />
      <CreateButton />
      <ExportButton />
    </TopToolbar>
  );
}
