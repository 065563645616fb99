import { Skeleton, Stack } from "@mui/material";

/**
 * Placeholder rows shown from the first moment a list waits for its data (react-admin's own
 * loading state appears only after a second, leaving a blank card until then).
 */
export function RowsSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Stack spacing={1} sx={{ py: 1 }} data-testid="rows-skeleton" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, row) => (
        <Skeleton key={row} variant="rounded" height={28} />
      ))}
    </Stack>
  );
}
