import { listPasskeys } from "@/lib/auth/factors/passkeys/manage";
import { finishPasskeyRegistration } from "@/lib/auth/factors/passkeys/registration";
import { requirePrincipal } from "@/lib/auth/guard";
import { describeIssues, fieldIssues, parseListQuery } from "@/lib/contracts/list-query";
import { passkeyFilterSchema, passkeyRegistrationSchema, passkeySortFields } from "@/lib/contracts/passkeys";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { listResponse } from "@/lib/server/list-response";
import { relyingPartyOf } from "@/lib/server/relying-party";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The caller's own passkeys, as a ra-data-simple-rest list. */
export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = parseListQuery(new URL(request.url).searchParams, passkeySortFields, passkeyFilterSchema, { field: "createdAt", order: "ASC" });
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await listPasskeys(ctx, principal, parsed.query);
  return listResponse("passkeys", rows, total, parsed.query.range.start);
});

/** Finishes adding a passkey: the credential `startRegistration()` made for the options' challenge. */
export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = passkeyRegistrationSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const row = await finishPasskeyRegistration(ctx, relyingPartyOf(request, ctx.config.appOrigin), principal, { ...parsed.data, ...clientInfo(request) }, now);
  return json(row, { status: 201 });
});
