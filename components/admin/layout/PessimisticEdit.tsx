import type { ReactNode } from "react";
import { Edit, SimpleForm } from "react-admin";
import { FormToolbar } from "./FormToolbar";
import { useQueryWhenAllowed } from "./useQueryWhenAllowed";

/**
 * An edit page that waits for the server: its refusals (field errors, the last admin, the
 * password policy) come back to this form instead of an undo notification.
 */
export function PessimisticEdit({ children }: { children: ReactNode }) {
  const queryOptions = useQueryWhenAllowed("edit");
  return (
    <Edit mutationMode="pessimistic" redirect="show" queryOptions={queryOptions}>
      <SimpleForm toolbar={<FormToolbar deletable />}>{children}</SimpleForm>
    </Edit>
  );
}
