import { DateInput, NumberInput, required, SelectInput, TextInput } from "react-admin";
import { amountToCents, centsToAmount } from "./money";
import { statusChoices } from "./statuses";

const upper = (value: string) => value?.toUpperCase();

/**
 * The fields both forms share. Checks beyond "required" are the server's: its per-field
 * messages land on these inputs by source name.
 */
export function InvoiceInputs() {
  return (
    <>
      <TextInput source="number" validate={required()} />
      <TextInput source="customer" validate={required()} />
      <NumberInput source="amountCents" label="Amount" validate={required()} format={centsToAmount} parse={amountToCents} step={0.01} />
      <TextInput source="currency" parse={upper} helperText="Three-letter code, e.g. USD" />
      <SelectInput source="status" choices={statusChoices} validate={required()} />
      <DateInput source="issuedAt" label="Issued" validate={required()} />
      <DateInput source="dueAt" label="Due" />
    </>
  );
}
