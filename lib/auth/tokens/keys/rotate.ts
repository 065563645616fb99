import type { AuthStorage } from "../../storage";
import { addEd25519Key } from "./ed25519-key-store";

/**
 * What `npm run keys:rotate` does: a new current key, and the keys retired longer ago than
 * the grace forgotten. Null when another rotation made its key current at the same moment.
 */
export async function rotateSigningKey(
  store: Pick<AuthStorage, "signingKeys" | "audit">,
  options: { encryptionKey: Uint8Array; retiredKeyGraceSeconds: number },
  now: Date,
): Promise<{ kid: string; dropped: number } | null> {
  const kid = await addEd25519Key(store.signingKeys, options.encryptionKey, now);
  if (!kid) return null;
  const dropped = await store.signingKeys.deleteRetiredBefore(new Date(now.getTime() - options.retiredKeyGraceSeconds * 1000));
  await store.audit.record({ type: "key.rotated", detail: { kid, dropped } }, now);
  return { kid, dropped };
}
