import { AutocompleteInput, ReferenceInput, SelectInput, TextInput } from "react-admin";
import { SearchFilter } from "../layout/SearchFilter";
import { statusChoices } from "./statuses";

/**
 * Admins also filter by owner; a plain user only ever sees their own invoices. On a phone
 * only the search is always shown; the others are a tap away under the filter button.
 */
export function invoiceFilters(showsOwner: boolean, isSmall: boolean) {
  const shown = !isSmall;
  return [
    <SearchFilter key="q" source="q" alwaysOn placeholder="Number or customer" />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn={shown} helperText={false} />,
    <TextInput key="customer" source="customer" label="Customer" alwaysOn={shown} helperText={false} />,
    ...(showsOwner
      ? [
          <ReferenceInput key="ownerId" source="ownerId" reference="users" alwaysOn={shown}>
            <AutocompleteInput label="Owner" optionText="username" helperText={false} sx={{ minWidth: 200 }} />
          </ReferenceInput>,
        ]
      : []),
  ];
}
