import type { KeyStore, Slot } from "../dpop/key-store";

/** The key store's contract in a Map, with a switch that makes every call fail like a blocked IndexedDB. */
export class MemoryKeyStore implements KeyStore {
  readonly slots = new Map<Slot, CryptoKeyPair>();
  broken = false;

  private check() {
    if (this.broken) throw new DOMException("The operation failed for reasons unrelated to the database itself.", "UnknownError");
  }

  async get(slot: Slot) {
    this.check();
    return this.slots.get(slot) ?? null;
  }

  async put(slot: Slot, keys: CryptoKeyPair) {
    this.check();
    this.slots.set(slot, keys);
  }

  async adopt(keys: CryptoKeyPair) {
    this.check();
    this.slots.set("current", keys);
    this.slots.delete("pending");
  }

  async clear() {
    this.check();
    this.slots.clear();
  }
}
