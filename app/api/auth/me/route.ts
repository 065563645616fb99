import { requirePrincipal } from "@/lib/auth/guard";
import type { Identity } from "@/lib/contracts/auth";
import { userRepo } from "@/lib/db/user-repo";
import { errors } from "@/lib/http/api-error";
import { handle, json } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const ctx = serverContext();
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, new Date());
  const user = await userRepo(ctx.db).findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  const identity: Identity = {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    role: user.role === "admin" ? "admin" : "user",
  };
  return json(identity);
});
