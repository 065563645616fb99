import { regenerateRecoveryCodes } from "@/lib/auth/factors/recovery-codes/regenerate";
import { requirePrincipal } from "@/lib/auth/guard";
import type { RecoveryCodes } from "@/lib/contracts/mfa";
import { clientInfo } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Replaces all recovery codes (sensitive); the new ones are in the answer, this once. */
export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const body: RecoveryCodes = { recovery_codes: await regenerateRecoveryCodes(ctx, principal, clientInfo(request), now) };
  return json(body);
});
