import FilterListOffIcon from "@mui/icons-material/FilterListOff";
import { Button, CardContent, Typography } from "@mui/material";
import { useListContext } from "react-admin";

/**
 * An empty list's message and, when filters caused it, a labelled "Clear filters" that stays
 * readable on a phone (react-admin's own drops its label there and has no icon to show).
 */
export function NoResults({ name }: { name: string }) {
  const { filterValues, setFilters } = useListContext();
  const filtered = Object.keys(filterValues ?? {}).length > 0;
  return (
    <CardContent>
      <Typography variant="body2">{filtered ? `No ${name} match these filters.` : `No ${name} yet.`}</Typography>
      {filtered && (
        <Button size="small" startIcon={<FilterListOffIcon />} onClick={() => setFilters({}, [])} sx={{ mt: 1 }}>
          Clear filters
        </Button>
      )}
    </CardContent>
  );
}
