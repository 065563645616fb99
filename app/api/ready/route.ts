import { handle, json } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";
import { readinessRetryAfter } from "@/lib/server/database-faults";
import { errorLog } from "@/lib/server/logger";
import { webhookWarnings } from "@/lib/server/security-webhook";

export const dynamic = "force-dynamic";

/**
 * Readiness: the database answers, can be written and has every committed migration; 503
 * with the reason otherwise. A failing operators' webhook shows under `warnings`. Not behind route(): it reports database faults, not refuses.
 */
export const GET = handle(async () => {
  const context = serverContext();
  const readiness = await context.readiness();
  // A failing webhook is a warning only: the server serves sign-ins whatever the receiver does.
  const warnings = webhookWarnings(context.securityWebhook);
  if (readiness.ready) return json({ status: "ready", migrations: readiness.migrations, ...(warnings && { warnings }) });
  const body = { status: "unavailable", reason: readiness.reason, pendingMigrations: readiness.pending?.length ?? 0 };
  return json(body, { status: 503, headers: { "Retry-After": String(readinessRetryAfter(readiness.reason)) } });
}, errorLog);
