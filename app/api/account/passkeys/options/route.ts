import { startPasskeyRegistration } from "@/lib/auth/factors/passkeys/registration";
import { requirePrincipal } from "@/lib/auth/guard";
import { json } from "@/lib/http/respond";
import { relyingPartyOf } from "@/lib/server/relying-party";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Starts adding a passkey (sensitive): PublicKeyCredentialCreationOptionsJSON for `startRegistration()`. */
export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await startPasskeyRegistration(ctx, relyingPartyOf(request, ctx.config.appOrigin), principal, now));
});
