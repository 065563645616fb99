import { AutocompleteInput, ReferenceInput, SelectInput, TextInput } from "react-admin";
import { SearchFilter } from "../layout/SearchFilter";
import { statusChoices } from "./statuses";

/** Admins also filter by owner; a plain user only ever sees their own invoices. */
export function invoiceFilters(showsOwner: boolean) {
  return [
    <SearchFilter key="q" source="q" alwaysOn placeholder="Number or customer" />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn helperText={false} />,
    <TextInput key="customer" source="customer" label="Customer" alwaysOn helperText={false} />,
    ...(showsOwner
      ? [
          <ReferenceInput key="ownerId" source="ownerId" reference="users" alwaysOn>
            <AutocompleteInput label="Owner" optionText="username" helperText={false} sx={{ minWidth: 200 }} />
          </ReferenceInput>,
        ]
      : []),
  ];
}
