import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { InvoiceInputs } from "./InvoiceInputs";

function EditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: "space-between" }}>
      <SaveButton />
      <DeleteButton mutationMode="pessimistic" />
    </Toolbar>
  );
}

/** Pessimistic, so the server's field errors come back to this form instead of an undo notification. */
export function InvoiceEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm toolbar={<EditToolbar />}>
        <InvoiceInputs />
      </SimpleForm>
    </Edit>
  );
}
