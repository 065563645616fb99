import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ ctx, now }) => {
  const jwks = await ctx.config.accessToken.keys.publicJwks(now);
  // Public by design; a short cache lets verifiers pick up a rotation within a minute.
  return json(jwks, { headers: { "Cache-Control": "public, max-age=60" } });
});
