/**
 * Where the device key lives. `current` signs refreshes; `pending` holds the pair a sign-in
 * under way offers, so a sign-in that fails never replaces the key a live login is bound to.
 */
export type Slot = "current" | "pending";

export interface KeyStore {
  get(slot: Slot): Promise<CryptoKeyPair | null>;
  put(slot: Slot, keys: CryptoKeyPair): Promise<void>;
  /** `keys` becomes the current pair and the pending slot empties, in one transaction. */
  adopt(keys: CryptoKeyPair): Promise<void>;
  clear(): Promise<void>;
}

const DATABASE = "gatehouse-device-key";
const STORE = "keys";

function isKeyPair(value: unknown): value is CryptoKeyPair {
  if (typeof value !== "object" || value === null) return false;
  const { privateKey, publicKey } = value as Partial<CryptoKeyPair>;
  return privateKey instanceof CryptoKey && publicKey instanceof CryptoKey;
}

/**
 * IndexedDB, because it is shared by every tab of the origin, outlives a reload, and stores a
 * CryptoKey by structured clone: the non-extractable private key is kept without ever being
 * turned into bytes a script could read.
 */
export function indexedDbKeyStore(factory: IDBFactory): KeyStore {
  let database: Promise<IDBDatabase> | null = null;

  /** Only a write creates the database: a tab that merely looks for a key leaves an unbound browser's storage as it was. */
  function open(create: boolean): Promise<IDBDatabase> {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DATABASE, 1);
      request.onupgradeneeded = () => {
        if (create) request.result.createObjectStore(STORE);
        else request.transaction?.abort();
      };
      request.onsuccess = () => {
        const db = request.result;
        // Site data cleared, or another version of the app upgrading: open afresh next time.
        const forget = () => {
          database = null;
          db.close();
        };
        db.onversionchange = forget;
        db.onclose = forget;
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("The key store is blocked by another tab."));
    }).catch((error: unknown) => {
      database = null;
      throw error;
    });
    return database;
  }

  async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void, create = false): Promise<T | undefined> {
    const db = await open(create);
    return new Promise<T | undefined>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error("The key store's transaction was aborted."));
    });
  }

  return {
    async get(slot) {
      const value = await run<unknown>("readonly", (store) => store.get(slot)).catch(() => null);
      return isKeyPair(value) ? value : null;
    },
    async put(slot, keys) {
      await run("readwrite", (store) => {
        store.put(keys, slot);
      }, true);
    },
    async adopt(keys) {
      await run("readwrite", (store) => {
        store.put(keys, "current");
        store.delete("pending");
      }, true);
    },
    async clear() {
      await run("readwrite", (store) => {
        store.clear();
      }).catch(() => undefined);
    },
  };
}
