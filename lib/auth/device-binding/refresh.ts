import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import { noticeIf } from "../notifications/notice";
import { acceptProof, type PresentedProof } from "./accept";

/** What the check needs of a login bound to a device key. */
export interface BoundLogin {
  id: string;
  userId: number | null;
  dpopJkt: string;
}

/**
 * A refresh of a bound login proves it holds the login's device key, before any rotation is
 * decided. No proof or a bad one keeps the login (the page may have lost its storage; a bad
 * proof proves nothing), and is refused with a code the route answers without clearing the
 * cookie. A valid proof from another key means the cookie travelled without the device:
 * the login ends as on theft, for every holder.
 */
export async function proveDevice(ctx: AuthContext, login: BoundLogin, presented: PresentedProof | null, client: ClientInfo, now: Date): Promise<void> {
  if (!presented?.proof) throw errors.dpopRequired();
  const check = await acceptProof(ctx, presented.proof, presented.target, client, { userId: login.userId, familyId: login.id, step: "refresh" }, now);
  if (!check.ok) throw errors.dpopInvalid();
  if (check.jkt === login.dpopJkt) return;
  const told = login.userId === null ? undefined : noticeIf("reuse_detected", login.userId, client, now, login.id);
  if (await ctx.store.logins.revoke(login.id, "wrong_device_key", now, told)) {
    await audit(ctx, client, { type: "refresh.wrong_key", userId: login.userId, familyId: login.id }, now);
  }
  throw errors.refreshTokenInvalid();
}
