import { TextInput } from "react-admin";

/**
 * The list's free-text search with a visible label (a placeholder alone is no label, and
 * disappears once typed in). `alwaysOn` and `source` are read by the filter form.
 */
export function SearchFilter({ placeholder }: { placeholder: string; alwaysOn?: boolean; source?: string }) {
  return <TextInput source="q" label="Search" placeholder={placeholder} resettable helperText={false} slotProps={{ inputLabel: { shrink: true } }} />;
}
