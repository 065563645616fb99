import { changePassword } from "@/lib/auth/passwords/change-password";
import { requirePrincipal } from "@/lib/auth/guard";
import { changePasswordSchema } from "@/lib/contracts/auth";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { noContent } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = changePasswordSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const input = { currentPassword: parsed.data.current_password, newPassword: parsed.data.new_password };
  await changePassword(ctx, principal, { ...input, ...clientInfo(request) }, now);
  return noContent();
});
