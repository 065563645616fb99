import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import { noticeIf } from "../notifications/notice";
import { auditRefusal, checkedProof, type PresentedProof, type ProofClaim } from "./accept";

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
 * the login ends as on theft, for every holder. A proof from the right key still has to be
 * taken once: with the rotation's own write (lib/auth/sessions/refresh.ts), or by takeProof.
 */
export async function proveDevice(ctx: AuthContext, login: BoundLogin, presented: PresentedProof | null, client: ClientInfo, now: Date): Promise<ProofClaim> {
  if (!presented?.proof) throw errors.dpopRequired();
  const checked = await checkedProof(ctx, presented.proof, presented.target, client, { userId: login.userId, familyId: login.id, step: "refresh" }, now);
  if (!checked) throw errors.dpopInvalid();
  if (checked.jkt === login.dpopJkt) {
    await ctx.store.seenProofs.pruneExpired(now);
    return checked.claim;
  }
  const told = login.userId === null ? undefined : noticeIf("reuse_detected", login.userId, client, now, login.id);
  if (await ctx.store.logins.revoke(login.id, "wrong_device_key", now, told)) {
    await audit(ctx, client, { type: "refresh.wrong_key", userId: login.userId, familyId: login.id }, now);
  }
  throw errors.refreshTokenInvalid();
}

/** A bound refresh whose proof was taken before, on any instance: refused, the login kept. */
export async function proofReplayed(ctx: AuthContext, login: Pick<BoundLogin, "id" | "userId">, client: ClientInfo, now: Date): Promise<never> {
  await auditRefusal(ctx, client, { userId: login.userId, familyId: login.id, step: "refresh" }, "replayed", now);
  throw errors.dpopInvalid();
}

/** Takes a proof on its own, for a refresh that writes no rotation (a replay of the previous token). */
export async function takeProof(ctx: AuthContext, login: Pick<BoundLogin, "id" | "userId">, claim: ProofClaim, client: ClientInfo, now: Date): Promise<void> {
  if (!(await ctx.store.seenProofs.claim(claim.id, claim.expiresAt, now))) await proofReplayed(ctx, login, client, now);
}
