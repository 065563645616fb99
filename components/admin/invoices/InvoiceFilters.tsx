import { SearchInput, SelectInput, TextInput } from "react-admin";
import { statusChoices } from "./statuses";

export const invoiceFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Number or customer" />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <TextInput key="customer" source="customer" label="Customer" alwaysOn />,
];
