import { systemClock } from "../clock";
import { createDeviceKey, type DeviceKey, unboundDeviceKey } from "./device-key";
import { indexedDbKeyStore } from "./key-store";

export type { DeviceKey, SignInProof } from "./device-key";
export { unboundDeviceKey } from "./device-key";

/** This page's device key, or none where the browser lacks IndexedDB or WebCrypto (an insecure origin, an old engine). */
export function browserDeviceKey(): DeviceKey {
  try {
    const subtle = globalThis.crypto?.subtle;
    // Reading indexedDB itself throws where storage is blocked for the site.
    const factory = globalThis.indexedDB;
    if (!subtle || !factory || typeof crypto.randomUUID !== "function") return unboundDeviceKey;
    return createDeviceKey({ store: indexedDbKeyStore(factory), subtle, origin: location.origin, clock: systemClock, randomId: () => crypto.randomUUID() });
  } catch {
    return unboundDeviceKey;
  }
}
