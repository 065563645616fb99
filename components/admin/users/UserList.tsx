import { BooleanInput, DataTable, DateField, List, NullableBooleanInput, SelectInput, SimpleList } from "react-admin";
import type { UserRow } from "@/lib/contracts/users";
import { RecordLink } from "../layout/RecordLink";
import { useQueryWhenAllowed } from "../layout/useQueryWhenAllowed";
import { SearchFilter } from "../layout/SearchFilter";
import { useIsSmall } from "../layout/useIsSmall";
import { roleChoices } from "./roles";

const filters = [
  <SearchFilter key="q" source="q" alwaysOn placeholder="Username, name or email" />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn helperText={false} />,
  <BooleanInput key="disabled" source="disabled" label="Disabled" helperText={false} />,
  <NullableBooleanInput key="totpEnabled" source="totpEnabled" label="2FA" trueLabel="On" falseLabel="Off" nullLabel="Any" helperText={false} />,
];

const roleName = (role: string) => roleChoices.find((choice) => choice.id === role)?.name ?? role;
const statusOf = (record: UserRow) => (record.disabled ? "Disabled" : "Active");
const twoStepOf = (record: UserRow) => (record.totpEnabled ? "On" : "Off");

/** No bulk actions: nobody disables or deletes accounts (their own included) from a checkbox by accident. */
export function UserList() {
  const isSmall = useIsSmall();
  const queryOptions = useQueryWhenAllowed("list");
  return (
    <List filters={filters} sort={{ field: "username", order: "ASC" }} perPage={25} queryOptions={queryOptions}>
      {isSmall ? (
        <SimpleList<UserRow>
          rowClick="show"
          primaryText={(record) => record.username}
          secondaryText={(record) => `${record.fullName} · ${record.email}`}
          tertiaryText={(record) => `${roleName(record.role)} · ${statusOf(record)} · 2FA ${twoStepOf(record).toLowerCase()}`}
        />
      ) : (
        <DataTable<UserRow> rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="username" render={(record) => <RecordLink>{record.username}</RecordLink>} />
          <DataTable.Col source="fullName" label="Name" />
          <DataTable.Col source="email" />
          <DataTable.Col source="role" render={(record) => roleName(record.role)} />
          <DataTable.Col source="disabled" render={statusOf} label="Status" />
          <DataTable.Col source="totpEnabled" render={twoStepOf} label="2FA" disableSort />
          <DataTable.Col source="lastLoginAt" label="Last sign-in" field={DateField} disableSort />
          <DataTable.Col source="activeSessions" label="Sessions" align="right" disableSort />
        </DataTable>
      )}
    </List>
  );
}
