import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import type { SigningKeyStore, StoredSigningKey } from "./storage";
import { decryptPrivateKey, encryptPrivateKey } from "./key-encryption";
import type { KeyStore, PublicJwk } from "./key-store";

export interface Ed25519StoreOptions {
  store: SigningKeyStore;
  /** Encrypts private halves at rest; derived from JWT_SECRET. */
  encryptionKey: Uint8Array;
  /** How long a retired key keeps verifying: the access-token lifetime plus clock tolerance. */
  retiredKeyGraceSeconds: number;
  /** How long the key list is cached before it is read again (other processes may rotate). */
  cacheSeconds?: number;
}

interface LoadedKey {
  kid: string;
  publicKey: KeyObject;
  jwk: PublicJwk;
  row: StoredSigningKey;
}

const UNKNOWN_KID_RELOAD_MS = 5_000;
/** Bounds how long a rotation takes to reach every instance: a new key signs everywhere within it. */
export const KEY_CACHE_SECONDS = 10;

/**
 * How long a retired key must keep verifying: a process may sign with it for one cache
 * period after the rotation, and its tokens live for one access-token lifetime plus skew.
 */
export function retiredKeyGraceSeconds(accessTokenTtlSeconds: number, clockToleranceSeconds: number): number {
  return accessTokenTtlSeconds + clockToleranceSeconds + KEY_CACHE_SECONDS;
}

/**
 * Creates a new current Ed25519 key: the first one (`replace` false) or a rotation
 * (`npm run keys:rotate`). Null when another instance made its own key current first:
 * that one stands.
 */
export async function addEd25519Key(store: SigningKeyStore, encryptionKey: Uint8Array, now: Date, replace = true): Promise<string | null> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const kid = `ed-${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "EdDSA", use: "sig" };
  const privateKeyEnc = encryptPrivateKey(pkcs8, kid, encryptionKey);
  const added = await store.addCurrent({ kid, alg: "EdDSA", publicJwk: JSON.stringify(jwk), privateKeyEnc, createdAt: now }, replace);
  return added ? kid : null;
}

export function ed25519KeyStore(options: Ed25519StoreOptions): KeyStore {
  const repo = options.store;
  const cacheMs = (options.cacheSeconds ?? KEY_CACHE_SECONDS) * 1000;
  let loaded: { at: number; keys: LoadedKey[] } | null = null;
  let lastUnknownReload = 0;
  const privateKeys = new Map<string, KeyObject>();

  async function load(now: Date): Promise<LoadedKey[]> {
    const since = new Date(now.getTime() - options.retiredKeyGraceSeconds * 1000);
    let rows = await repo.trusted(since);
    if (!rows.some((row) => row.retiredAt === null)) {
      // Racing instances on an empty database: whichever key won is read back below.
      await addEd25519Key(repo, options.encryptionKey, now, false);
      rows = await repo.trusted(since);
    }
    const keys = rows.map((row) => {
      const jwk = JSON.parse(row.publicJwk) as PublicJwk;
      return { kid: row.kid, publicKey: createPublicKey({ key: { ...jwk }, format: "jwk" }), jwk, row };
    });
    loaded = { at: now.getTime(), keys };
    return keys;
  }

  async function keys(now: Date): Promise<LoadedKey[]> {
    const age = loaded ? now.getTime() - loaded.at : Infinity;
    return loaded && age >= 0 && age < cacheMs ? loaded.keys : load(now);
  }

  const stillTrusted = (key: LoadedKey, now: Date) =>
    key.row.retiredAt === null || now.getTime() - key.row.retiredAt.getTime() <= options.retiredKeyGraceSeconds * 1000;

  return {
    algorithms: ["EdDSA"],

    async signingKey(now) {
      const current = (await keys(now)).find((key) => key.row.retiredAt === null) ?? (await load(now))[0]!;
      let privateKey = privateKeys.get(current.kid);
      if (!privateKey) {
        const der = decryptPrivateKey(current.row.privateKeyEnc, current.kid, options.encryptionKey);
        privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
        privateKeys.set(current.kid, privateKey);
      }
      return { kid: current.kid, alg: "EdDSA", key: privateKey };
    },

    async verificationKey(kid, now) {
      let found = (await keys(now)).find((key) => key.kid === kid);
      // A key another instance just created: read again, but not on every forged kid.
      if (!found && now.getTime() - lastUnknownReload > UNKNOWN_KID_RELOAD_MS) {
        lastUnknownReload = now.getTime();
        found = (await load(now)).find((key) => key.kid === kid);
      }
      return found && stillTrusted(found, now) ? found.publicKey : null;
    },

    // Read fresh: the endpoint is not hot, and verifiers should see a rotation at once.
    async publicJwks(now) {
      return { keys: (await load(now)).filter((key) => stillTrusted(key, now)).map((key) => key.jwk) };
    },
  };
}
