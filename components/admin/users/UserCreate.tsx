import { Create, SimpleForm } from "react-admin";
import { UserCreateInputs } from "./UserInputs";

export function UserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <UserCreateInputs />
      </SimpleForm>
    </Create>
  );
}
