import { Create, SimpleForm } from "react-admin";
import { FormToolbar } from "../layout/FormToolbar";
import { SensitiveActionsNote } from "./SensitiveActionsNote";
import { UserCreateInputs } from "./UserInputs";

export function UserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm toolbar={<FormToolbar />}>
        <SensitiveActionsNote actions={["user.create"]} />
        <UserCreateInputs />
      </SimpleForm>
    </Create>
  );
}
