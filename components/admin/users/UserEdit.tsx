import { PessimisticEdit } from "../layout/PessimisticEdit";
import { SensitiveActionsNote } from "./SensitiveActionsNote";
import { UserEditInputs } from "./UserInputs";

export function UserEdit() {
  return (
    <PessimisticEdit>
      <SensitiveActionsNote actions={["user.update", "user.delete"]} />
      <UserEditInputs />
    </PessimisticEdit>
  );
}
