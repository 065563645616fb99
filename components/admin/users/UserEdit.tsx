import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { UserEditInputs } from "./UserInputs";

function EditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: "space-between" }}>
      <SaveButton />
      <DeleteButton mutationMode="pessimistic" />
    </Toolbar>
  );
}

/** Pessimistic, so the server's refusals (last admin, password policy) come back to the form. */
export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm toolbar={<EditToolbar />}>
        <UserEditInputs />
      </SimpleForm>
    </Edit>
  );
}
