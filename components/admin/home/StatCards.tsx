import { Card, CardContent, Skeleton, Stack, Typography } from "@mui/material";
import type { Summary } from "@/lib/contracts/audit";
import { useSummary } from "./useStats";

const cards: { key: keyof Summary; label: string }[] = [
  { key: "users", label: "Users" },
  { key: "activeSessions", label: "Active sessions" },
  { key: "signInsToday", label: "Sign-ins today" },
  { key: "failedSignInsToday", label: "Failed sign-ins today" },
];

export function StatCards() {
  const { data } = useSummary();
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: "wrap" }}>
      {cards.map(({ key, label }) => (
        <Card key={key} sx={{ minWidth: 180, flex: 1 }} data-testid={`stat-${key}`}>
          <CardContent>
            <Typography color="text.secondary" variant="body2">
              {label}
            </Typography>
            <Typography variant="h4">{data ? data[key] : <Skeleton width={60} />}</Typography>
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
