import { PessimisticEdit } from "../layout/PessimisticEdit";
import { UserEditInputs } from "./UserInputs";

export function UserEdit() {
  return (
    <PessimisticEdit>
      <UserEditInputs />
    </PessimisticEdit>
  );
}
