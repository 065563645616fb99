import { BooleanInput, DataTable, DateField, List, SearchInput, SelectInput } from "react-admin";
import type { UserRow } from "@/lib/contracts/users";
import { roleChoices } from "./roles";

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Username, name or email" />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <BooleanInput key="disabled" source="disabled" label="Disabled" />,
];

const roleName = (role: string) => roleChoices.find((choice) => choice.id === role)?.name ?? role;

/** No bulk actions: nobody disables or deletes accounts (their own included) from a checkbox by accident. */
export function UserList() {
  return (
    <List filters={filters} sort={{ field: "username", order: "ASC" }} perPage={25}>
      <DataTable<UserRow> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="fullName" label="Name" />
        <DataTable.Col source="email" />
        <DataTable.Col source="role" render={(record) => roleName(record.role)} />
        <DataTable.Col source="disabled" render={(record) => (record.disabled ? "Disabled" : "Active")} label="Status" />
        <DataTable.Col source="lastLoginAt" label="Last sign-in" field={DateField} disableSort />
        <DataTable.Col source="activeSessions" label="Sessions" align="right" disableSort />
      </DataTable>
    </List>
  );
}
