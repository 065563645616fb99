import { startPasskeyCeremony } from "@/lib/auth/factors/passkeys/ceremony";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { passkeyOptionsRequestSchema } from "@/lib/contracts/passkeys";
import { errors } from "@/lib/errors/catalog";
import { readOptionalJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { relyingPartyOf } from "@/lib/server/relying-party";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** A challenge for a passkey assertion (no auth, same origin): `{ challenge_id, options }`. */
export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const parsed = passkeyOptionsRequestSchema.safeParse((await readOptionalJson(request)) ?? {});
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const { challengeId, options } = await startPasskeyCeremony(ctx, relyingPartyOf(request, ctx.config.appOrigin), parsed.data.purpose, now);
  return json({ challenge_id: challengeId, options });
});
