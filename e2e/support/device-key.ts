import type { Page } from "@playwright/test";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from "jose";

/** What a page can learn of the dashboard's stored device key (lib/admin/dpop/key-store.ts), read from IndexedDB in the page. */
export interface StoredKey {
  jkt: string;
  privateExtractable: boolean;
  /** The name of the error `crypto.subtle.exportKey` rejected with, per format, or "exported" if it did not. */
  exportRefusals: Record<"jwk" | "pkcs8", string>;
}

/** The current key, or null when the browser holds none. Never creates the database. */
export async function storedKey(page: Page): Promise<StoredKey | null> {
  const found = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const request = indexedDB.open("gatehouse-device-key", 1);
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => (request.error?.name === "AbortError" ? resolve(null) : reject(request.error));
    });
    if (!db) return null;
    const pair = await new Promise<CryptoKeyPair | undefined>((resolve, reject) => {
      const request = db.transaction("keys").objectStore("keys").get("current");
      request.onsuccess = () => resolve(request.result as CryptoKeyPair | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    if (!pair) return null;
    const refusal = (format: "jwk" | "pkcs8") =>
      crypto.subtle.exportKey(format, pair.privateKey).then(
        () => "exported",
        (error: unknown) => (error instanceof Error ? error.name : String(error)),
      );
    return {
      publicJwk: await crypto.subtle.exportKey("jwk", pair.publicKey),
      privateExtractable: pair.privateKey.extractable,
      exportRefusals: { jwk: await refusal("jwk"), pkcs8: await refusal("pkcs8") },
    };
  });
  if (!found) return null;
  const { publicJwk, ...rest } = found;
  return { jkt: await jktOf(publicJwk as JWK), ...rest };
}

const jktOf = (jwk: JWK) => calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, "sha256");

/** A DPoP proof as the server reads it: header, claims and the thumbprint of the key it carries. */
export async function readProof(proof: string) {
  const header = decodeProtectedHeader(proof);
  return { header, claims: decodeJwt(proof), jkt: await jktOf(header.jwk as JWK) };
}

/** Everything the page keeps in IndexedDB, as a script could read it: each database's entries, each value described by its members' types. */
export async function indexedDbContents(page: Page): Promise<Record<string, Record<string, Record<string, string>>>> {
  return page.evaluate(async () => {
    const describe = (value: unknown) =>
      Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, member]) => [name, member instanceof CryptoKey ? "CryptoKey" : JSON.stringify(member)]));
    const contents: Record<string, Record<string, Record<string, string>>> = {};
    for (const { name, version } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!, version);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const entries: Record<string, Record<string, string>> = {};
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName).objectStore(storeName);
        const [keys, values] = await Promise.all(
          [store.getAllKeys(), store.getAll()].map((request) => new Promise<unknown[]>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))))),
        );
        keys!.forEach((key, i) => (entries[`${storeName}/${String(key)}`] = describe(values![i])));
      }
      db.close();
      contents[name!] = entries;
    }
    return contents;
  });
}
