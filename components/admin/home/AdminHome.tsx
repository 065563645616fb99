import { Stack } from "@mui/material";
import { Title } from "react-admin";
import { ActivityChart } from "./ActivityChart";
import { StatCards } from "./StatCards";

export function AdminHome() {
  return (
    <Stack spacing={2} sx={{ mt: 2 }} data-testid="admin-home">
      <Title title="Home" />
      <StatCards />
      <Stack direction={{ xs: "column", lg: "row" }} spacing={2}>
        <ActivityChart span={{ hours: 24 }} title="Last 24 hours (UTC)" testId="chart-24h" />
        <ActivityChart span={{ days: 30 }} title="Last 30 days (UTC)" testId="chart-30d" />
      </Stack>
    </Stack>
  );
}
