import { PessimisticEdit } from "../layout/PessimisticEdit";
import { InvoiceInputs } from "./InvoiceInputs";

export function InvoiceEdit() {
  return (
    <PessimisticEdit>
      <InvoiceInputs />
    </PessimisticEdit>
  );
}
