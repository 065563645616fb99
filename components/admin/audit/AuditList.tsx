import { DateInput, List, NumberInput, SearchInput, SelectArrayInput } from "react-admin";
import { AuditTable } from "./AuditTable";
import { auditExporter } from "./exporter";
import { eventChoices } from "./names";

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="User, address or event" />,
  <SelectArrayInput key="type" source="type" label="Events" choices={eventChoices} alwaysOn sx={{ minWidth: 200 }} />,
  <DateInput key="from" source="from" label="From" alwaysOn />,
  <DateInput key="to" source="to" label="To" alwaysOn />,
  <NumberInput key="userId" source="userId" label="User id" />,
];

export function AuditList() {
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }} perPage={25} exporter={auditExporter}>
      <AuditTable />
    </List>
  );
}
