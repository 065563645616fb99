import { Create, SimpleForm } from "react-admin";
import { FormToolbar } from "../layout/FormToolbar";
import { UserCreateInputs } from "./UserInputs";

export function UserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm toolbar={<FormToolbar />}>
        <UserCreateInputs />
      </SimpleForm>
    </Create>
  );
}
