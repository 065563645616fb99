import { BooleanField, DateField, EditButton, Labeled, NumberField, Pagination, ReferenceManyField, SelectField, Show, TabbedShowLayout, TextField, TopToolbar } from "react-admin";
import { AuditTable } from "../audit/AuditTable";
import { useQueryWhenAllowed } from "../layout/useQueryWhenAllowed";
import { SessionTable } from "../sessions/SessionTable";
import { SensitiveActionsNote } from "./SensitiveActionsNote";
import { ResetPasswordButton, ResetTwoStepButton, SignOutEverywhereButton, UnlockButton } from "./UserActions";
import { roleChoices } from "./roles";

function ShowActions() {
  return (
    <TopToolbar>
      <EditButton />
      <ResetPasswordButton />
      <UnlockButton />
      <SignOutEverywhereButton />
      <ResetTwoStepButton />
    </TopToolbar>
  );
}

export function UserShow() {
  const queryOptions = useQueryWhenAllowed("show");
  return (
    <Show actions={<ShowActions />} queryOptions={queryOptions}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Account">
          <SensitiveActionsNote actions={["user.update", "user.unlock", "user.delete", "user.reset_second_factor"]} />
          <TextField source="username" />
          <TextField source="fullName" label="Full name" />
          <TextField source="email" />
          <SelectField source="role" choices={roleChoices} />
          <BooleanField source="disabled" />
          <BooleanField source="totpEnabled" label="Two-step verification" />
          <NumberField source="passkeyCount" label="Passkeys" />
          <DateField source="createdAt" label="Created" showTime />
          <Labeled label="Last sign-in">
            <DateField source="lastLoginAt" showTime emptyText="never" />
          </Labeled>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Sessions" path="sessions">
          <ReferenceManyField reference="sessions" target="userId" sort={{ field: "lastUsedAt", order: "DESC" }} perPage={25} empty={<span>No active sessions.</span>}>
            <SessionTable />
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Recent events" path="events">
          <ReferenceManyField reference="audit-events" target="userId" sort={{ field: "id", order: "DESC" }} perPage={10} pagination={<Pagination />}>
            <AuditTable />
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
