import { confirmTotpEnrolment } from "@/lib/auth/factors/totp/enrolment";
import { requirePrincipal } from "@/lib/auth/guard";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { type RecoveryCodes, totpCodeRequestSchema } from "@/lib/contracts/mfa";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Turns TOTP on with the first code from the app; answers the ten recovery codes, this once. */
export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = totpCodeRequestSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const body: RecoveryCodes = { recovery_codes: await confirmTotpEnrolment(ctx, principal, parsed.data.code, clientInfo(request), now) };
  return json(body);
});
