import { handle, json } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const jwks = await serverContext().config.accessToken.keys.publicJwks(new Date());
  // Public by design; a short cache lets verifiers pick up a rotation within a minute.
  return json(jwks, { headers: { "Cache-Control": "public, max-age=60" } });
});
