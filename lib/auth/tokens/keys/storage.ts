export interface StoredSigningKey {
  kid: string;
  alg: string;
  publicJwk: string;
  privateKeyEnc: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeyStore {
  /** Keys that are current, or retired after `retiredAfter`, newest first. */
  trusted(retiredAfter: Date): Promise<StoredSigningKey[]>;
  /**
   * Adds a key as the one current key, atomically. With `replace` the current key is
   * retired (a rotation); without it the key is added only while none is current (a first
   * start). False, writing nothing, when another instance made its key current first.
   */
  addCurrent(key: Omit<StoredSigningKey, "retiredAt">, replace: boolean): Promise<boolean>;
  /** Forgets keys retired before `before`: no token they signed can still be valid. How many. */
  deleteRetiredBefore(before: Date): Promise<number>;
}
