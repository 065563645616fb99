import { Create, SimpleForm } from "react-admin";
import { FormToolbar } from "../layout/FormToolbar";
import { InvoiceInputs } from "./InvoiceInputs";

const today = () => new Date().toISOString().slice(0, 10);

export function InvoiceCreate() {
  return (
    <Create redirect="show">
      <SimpleForm toolbar={<FormToolbar />} defaultValues={() => ({ currency: "USD", status: "draft", issuedAt: today() })}>
        <InvoiceInputs />
      </SimpleForm>
    </Create>
  );
}
