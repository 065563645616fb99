/** A login's proof as its row stores it: a time (null on rows from before step-up) and space-separated methods. */
export interface StoredProof {
  createdAt: Date;
  authTime: Date | null;
  amr: string;
}

export const amrColumn = (amr: string[]) => amr.join(" ");

/** The proof a stored login carries; a row written before step-up proved it by password at sign-in. */
export function proofOf(row: StoredProof): { authTime: Date; amr: string[] } {
  const amr = row.amr.split(" ").filter(Boolean);
  return { authTime: row.authTime ?? row.createdAt, amr: amr.length ? amr : ["pwd"] };
}
