import { requirePrincipal } from "@/lib/auth/guard";
import { markNotificationsRead } from "@/lib/auth/notifications/notifications";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { markReadRequestSchema } from "@/lib/contracts/notifications";
import { errors } from "@/lib/errors/catalog";
import { readJson } from "@/lib/http/request";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Marks `{ ids }` of the caller's notifications read, or `{ all: true }`; others' ids change nothing. */
export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = markReadRequestSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  await markNotificationsRead(ctx, principal, parsed.data, now);
  return noContent();
});
