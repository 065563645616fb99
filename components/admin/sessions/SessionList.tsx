import { List, NumberInput } from "react-admin";
import { useQueryWhenAllowed } from "../layout/useQueryWhenAllowed";
import { SessionTable } from "./SessionTable";

const filters = [<NumberInput key="userId" source="userId" label="User id" />];

/** Every live login, for admins. */
export function SessionList() {
  const queryOptions = useQueryWhenAllowed("list");
  return (
    <List filters={filters} sort={{ field: "lastUsedAt", order: "DESC" }} perPage={25} exporter={false} queryOptions={queryOptions}>
      <SessionTable showUser />
    </List>
  );
}
