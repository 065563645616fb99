import { mfaStatus } from "@/lib/auth/factors/mfa-status";
import { requirePrincipal } from "@/lib/auth/guard";
import type { Identity } from "@/lib/contracts/auth";
import { errors } from "@/lib/errors/catalog";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const user = await ctx.store.users.findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  const identity: Identity = { id: user.id, username: user.username, fullName: user.fullName, email: user.email, role: user.role, ...(await mfaStatus(ctx, user.id)), passkeyCount: await ctx.store.passkeys.count(user.id) };
  return json(identity);
});
