import { Card, CardContent, Skeleton, Typography } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import type { ActivityBucket } from "@/lib/contracts/audit";
import { useActivity } from "./useStats";

const series: { key: keyof Omit<ActivityBucket, "start">; label: string; color: string }[] = [
  { key: "loginSucceeded", label: "Sign-ins", color: "#2e7d32" },
  { key: "loginFailed", label: "Failed", color: "#d32f2f" },
  { key: "loginThrottled", label: "Throttled", color: "#ed6c02" },
  { key: "secondStepFailed", label: "Wrong codes", color: "#795548" },
  { key: "refreshed", label: "Refreshes", color: "#1976d2" },
  { key: "reuseDetected", label: "Reuse detected", color: "#9c27b0" },
];

const label = (start: string, hourly: boolean) => (hourly ? `${start.slice(11, 13)}:00` : start.slice(5, 10));

/** Activity per UTC hour or day, as the server counted it. */
export function ActivityChart({ span, title, testId }: { span: { hours: number } | { days: number }; title: string; testId: string }) {
  const { data, error } = useActivity(span);
  const hourly = "hours" in span;
  return (
    <Card sx={{ flex: 1, minWidth: 360 }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6">{title}</Typography>
        {error ? (
          <Typography color="error">{error instanceof Error ? error.message : "Could not load the activity."}</Typography>
        ) : !data ? (
          <Skeleton variant="rectangular" height={260} />
        ) : (
          <BarChart
            height={280}
            xAxis={[{ scaleType: "band", data: data.buckets.map((bucket) => label(bucket.start, hourly)) }]}
            series={series.map(({ key, label: name, color }) => ({ data: data.buckets.map((bucket) => bucket[key]), label: name, color, stack: key === "refreshed" ? "refresh" : "logins" }))}
          />
        )}
      </CardContent>
    </Card>
  );
}
