import type { ReactNode } from "react";
import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar } from "react-admin";

function EditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: "space-between" }}>
      <SaveButton />
      <DeleteButton mutationMode="pessimistic" />
    </Toolbar>
  );
}

/**
 * An edit page that waits for the server: its refusals (field errors, the last admin, the
 * password policy) come back to this form instead of an undo notification.
 */
export function PessimisticEdit({ children }: { children: ReactNode }) {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm toolbar={<EditToolbar />}>{children}</SimpleForm>
    </Edit>
  );
}
