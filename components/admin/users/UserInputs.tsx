import { BooleanInput, SelectInput, TextInput, useGetIdentity, useRecordContext } from "react-admin";
import type { UserRow } from "@/lib/contracts/users";
import { PasswordWithHint } from "./PasswordInput";
import { roleChoices } from "./roles";

export function UserCreateInputs() {
  return (
    <>
      <TextInput source="username" required autoComplete="off" />
      <TextInput source="fullName" label="Full name" required />
      <TextInput source="email" type="email" required />
      <SelectInput source="role" choices={roleChoices} defaultValue="user" required />
      <PasswordWithHint source="password" label="Password" required />
    </>
  );
}

export function UserEditInputs() {
  const record = useRecordContext<UserRow>();
  const { identity } = useGetIdentity();
  const self = record && identity && record.id === identity.id;
  return (
    <>
      <TextInput source="username" disabled />
      <TextInput source="fullName" label="Full name" required />
      <TextInput source="email" type="email" required />
      <SelectInput source="role" choices={roleChoices} required />
      {/* Your own account cannot be disabled from here; the server refuses it too. */}
      <BooleanInput source="disabled" label="Disabled (cannot sign in)" disabled={!!self} helperText={self ? "You cannot disable your own account." : false} />
      <PasswordWithHint source="password" label="New password (leave empty to keep)" />
    </>
  );
}
