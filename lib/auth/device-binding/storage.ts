/** The DPoP proofs already taken, shared by every instance (docs/dpop.md). */
export interface SeenProofStore {
  /**
   * Takes a proof, named by `id`, once: false when any instance took it before (a replay).
   * The row is kept until `expiresAt`; rows past it are pruned along the way.
   */
  claim(id: string, expiresAt: Date, now: Date): Promise<boolean>;
  /**
   * Deletes the rows past their window, at most once a minute per process. A bound rotation
   * takes its proof through a trigger, not through `claim`, so its refresh calls this itself.
   */
  pruneExpired(now: Date): Promise<void>;
}
