import type { ListQuery } from "../../../contracts/list-query";
import type { PasskeyFilter, PasskeyRow } from "../../../contracts/passkeys";
import { errors } from "../../../errors/catalog";
import { noticeIf } from "../../notifications/notice";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { Principal } from "../../guard";
import { requireFreshProof } from "../../step-up/freshness";
import { toPasskeyRow } from "./rows";

const notFound = () => errors.notFound("No such passkey.");

type SortValue = string | number | null;
const sortValue = (row: PasskeyRow, field: string): SortValue => (field === "id" ? row.id : ((row as unknown as Record<string, SortValue>)[field] ?? null));

function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * The owner's passkeys as a ra-data-simple-rest page. Sorted and paged here: one person has at
 * most PASSKEY_POLICY.maxPerUser of them. Nobody sees another's, admins included.
 */
export async function listPasskeys(ctx: AuthContext, principal: Principal, query: ListQuery<PasskeyFilter>): Promise<{ rows: PasskeyRow[]; total: number }> {
  const ids = query.filter.id;
  const all = (await ctx.store.passkeys.list(principal.userId)).map(toPasskeyRow).filter((row) => !ids || ids.includes(row.id));
  const { field, order } = query.sort;
  const sign = order === "ASC" ? 1 : -1;
  all.sort((a, b) => sign * compare(sortValue(a, field), sortValue(b, field)) || a.id - b.id);
  return { rows: all.slice(query.range.start, query.range.end + 1), total: all.length };
}

export async function getPasskey(ctx: AuthContext, principal: Principal, id: number): Promise<PasskeyRow> {
  const passkey = (await ctx.store.passkeys.list(principal.userId)).find((row) => row.id === id);
  if (!passkey) throw notFound();
  return toPasskeyRow(passkey);
}

/** A new name for one of the owner's passkeys; not sensitive: it changes no way in. */
export async function renamePasskey(ctx: AuthContext, principal: Principal, id: number, name: string): Promise<PasskeyRow> {
  const renamed = await ctx.store.passkeys.rename(principal.userId, id, name);
  if (!renamed) throw notFound();
  return toPasskeyRow(renamed);
}

/** Removing one of the owner's passkeys (sensitive); another user's is not found. */
export async function removePasskey(ctx: AuthContext, principal: Principal, id: number, client: ClientInfo, now: Date): Promise<PasskeyRow> {
  requireFreshProof(ctx, principal, now);
  const removed = await ctx.store.passkeys.remove(principal.userId, id, noticeIf("passkey_removed", principal.userId, client, now, principal.familyId));
  if (!removed) throw notFound();
  await audit(ctx, client, { type: "passkey.removed", userId: principal.userId, username: principal.username, familyId: principal.familyId, detail: { passkeyId: removed.id } }, now);
  return toPasskeyRow(removed);
}
