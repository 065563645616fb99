/** Usernames compare after Unicode NFKC and lower-casing; this is the stored form. */
export function canonicalUsername(username: string): string {
  return username.normalize("NFKC").toLowerCase().trim();
}
