import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Readiness: the database answers and has every committed migration; 503 otherwise. */
export const GET = route(async ({ ctx }) => {
  const readiness = await ctx.readiness();
  if (readiness.ready) return json({ status: "ready", migrations: readiness.migrations });
  const body = { status: "unavailable", reason: readiness.reason, pendingMigrations: readiness.pending?.length ?? 0 };
  return json(body, { status: 503, headers: { "Retry-After": "5" } });
});
