import { DateInput, List, NumberInput, SelectArrayInput } from "react-admin";
import { SearchFilter } from "../layout/SearchFilter";
import { useQueryWhenAllowed } from "../layout/useQueryWhenAllowed";
import { AuditTable } from "./AuditTable";
import { auditExporter } from "./exporter";
import { eventChoices } from "./names";

const filters = [
  <SearchFilter key="q" source="q" alwaysOn placeholder="User, address or event" />,
  <SelectArrayInput key="type" source="type" label="Events" choices={eventChoices} alwaysOn helperText={false} sx={{ minWidth: 200 }} />,
  <DateInput key="from" source="from" label="From" alwaysOn helperText={false} />,
  <DateInput key="to" source="to" label="To" alwaysOn helperText={false} />,
  <NumberInput key="userId" source="userId" label="User id" />,
];

export function AuditList() {
  const queryOptions = useQueryWhenAllowed("list");
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }} perPage={25} exporter={auditExporter} queryOptions={queryOptions}>
      <AuditTable />
    </List>
  );
}
