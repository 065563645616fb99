import { randomBytes } from "node:crypto";
import { errors } from "../../errors/catalog";
import { type PasswordPool, PasswordPoolBusyError } from "./pool";
import { bcryptInput } from "./policy";

/** bcrypt behind the worker pool, with normalisation and the 72-byte pre-hash applied once, here. */
export interface PasswordHasher {
  hash(password: string, cost: number): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /**
   * Compares against a hash, at the configured cost, of a random value nobody knows:
   * an unknown username costs the same time as a wrong password. Always false.
   */
  burn(password: string, cost: number): Promise<false>;
}

/** A full queue becomes the 503 every caller answers with. */
async function busyAsUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof PasswordPoolBusyError) throw errors.busy();
    throw error;
  }
}

export function pooledHasher(pool: PasswordPool): PasswordHasher {
  const dummyHashes = new Map<number, Promise<string>>();
  const dummyHash = (cost: number) => {
    let hash = dummyHashes.get(cost);
    if (!hash) {
      hash = pool.hash(randomBytes(24).toString("base64url"), cost);
      dummyHashes.set(cost, hash);
      hash.catch(() => dummyHashes.delete(cost));
    }
    return hash;
  };
  return {
    hash: (password, cost) => busyAsUnavailable(pool.hash(bcryptInput(password), cost)),
    verify: (password, hash) => busyAsUnavailable(pool.compare(bcryptInput(password), hash)),
    async burn(password, cost) {
      await busyAsUnavailable(dummyHash(cost).then((hash) => pool.compare(bcryptInput(password), hash)));
      return false;
    },
  };
}
