import type { Clock } from "../clock";
import type { KeyStore } from "./key-store";
import { signProof } from "./proof";

/** A proof from a new key pair, offered by a sign-in before the server has bound anything to it. */
export interface SignInProof {
  header: string;
  /** The server bound the new login to this pair: it becomes the browser's key. */
  adopt(): Promise<void>;
}

/**
 * The browser's DPoP key (RFC 9449), shared by every tab. Nothing here throws: where the key
 * cannot be made, kept or used, the answer is "no proof" and the login is simply unbound.
 */
export interface DeviceKey {
  forSignIn(htm: string, path: string): Promise<SignInProof | null>;
  /** A proof from the key this browser's login is bound to, or null when it holds none. */
  forRequest(htm: string, path: string): Promise<string | null>;
  /** Deletes the key: at sign-out, and when the login it was bound to has ended. */
  forget(): Promise<void>;
  /** The server's `Date` header, so `iat` is told in the server's time when this machine's clock is far off. */
  noteServerDate(date: string | null): void;
}

export interface DeviceKeyDeps {
  store: KeyStore;
  subtle: SubtleCrypto;
  /** The page's origin: `htu` is this plus the path, which the server compares with its APP_ORIGIN. */
  origin: string;
  clock: Pick<Clock, "wall">;
  randomId: () => string;
}

export const unboundDeviceKey: DeviceKey = {
  forSignIn: async () => null,
  forRequest: async () => null,
  forget: async () => {},
  noteServerDate: () => {},
};

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
// The Date header counts whole seconds and arrives a moment late: smaller gaps are that, not skew.
const SKEW_WORTH_CORRECTING_MS = 5_000;

export function createDeviceKey(deps: DeviceKeyDeps): DeviceKey {
  const { store, subtle, origin, clock, randomId } = deps;
  let skewMs = 0;

  const proof = (keys: CryptoKeyPair, htm: string, path: string) =>
    signProof(keys, { htm, htu: origin + path, iat: Math.floor((clock.wall() + skewMs) / 1000), jti: randomId() });

  async function quietly<T>(step: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await step();
    } catch {
      return fallback;
    }
  }

  return {
    forSignIn: (htm, path) =>
      quietly(async () => {
        // Not extractable: the private key never exists as bytes a script could copy out.
        const keys = await subtle.generateKey(P256, false, ["sign", "verify"]);
        // Stored before it is offered, so a login is bound only to a key this browser can keep.
        await store.put("pending", keys);
        const header = await proof(keys, htm, path);
        return { header, adopt: () => quietly(() => store.adopt(keys), undefined) };
      }, null),

    forRequest: (htm, path) =>
      quietly(async () => {
        const keys = await store.get("current");
        return keys ? proof(keys, htm, path) : null;
      }, null),

    forget: () => quietly(() => store.clear(), undefined),

    noteServerDate(date) {
      const server = date === null ? Number.NaN : Date.parse(date);
      if (Number.isNaN(server)) return;
      const gap = server - clock.wall();
      skewMs = Math.abs(gap) >= SKEW_WORTH_CORRECTING_MS ? gap : 0;
    },
  };
}
