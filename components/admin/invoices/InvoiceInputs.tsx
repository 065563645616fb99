import { AutocompleteInput, DateInput, NumberInput, ReferenceInput, required, SelectInput, TextInput, useCanAccess } from "react-admin";
import { amountToCents, centsToAmount } from "./money";
import { statusChoices } from "./statuses";

const upper = (value: string) => value?.toUpperCase();
// A cleared owner is left out of the request: the server keeps it, or on create makes it you.
const noneToUndefined = (value: unknown) => (value === null || value === "" ? undefined : value);

/**
 * The fields both forms share. Checks beyond "required" are the server's: its per-field
 * messages land on these inputs by source name. Only admins see the owner, and the server
 * refuses anyone else who names one.
 */
export function InvoiceInputs() {
  const { canAccess: assignsOwner } = useCanAccess({ action: "edit", resource: "invoices.ownerId" });
  return (
    <>
      <TextInput source="number" validate={required()} />
      <TextInput source="customer" validate={required()} />
      <NumberInput source="amountCents" label="Amount" validate={required()} format={centsToAmount} parse={amountToCents} step={0.01} />
      <TextInput source="currency" parse={upper} helperText="Three-letter code, e.g. USD" />
      <SelectInput source="status" choices={statusChoices} validate={required()} />
      <DateInput source="issuedAt" label="Issued" validate={required()} />
      <DateInput source="dueAt" label="Due" />
      {assignsOwner && (
        <ReferenceInput source="ownerId" reference="users">
          <AutocompleteInput label="Owner" optionText="username" parse={noneToUndefined} />
        </ReferenceInput>
      )}
    </>
  );
}
