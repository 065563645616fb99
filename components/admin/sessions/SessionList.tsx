import { List, NumberInput } from "react-admin";
import { SessionTable } from "./SessionTable";

const filters = [<NumberInput key="userId" source="userId" label="User id" />];

/** Every live login, for admins. */
export function SessionList() {
  return (
    <List filters={filters} sort={{ field: "lastUsedAt", order: "DESC" }} perPage={25} exporter={false}>
      <SessionTable showUser />
    </List>
  );
}
