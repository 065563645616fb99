/**
 * The rule for a password someone is about to set (OWASP ASVS 5.0 §6.2), one function for
 * the server that enforces it and the dashboard that hints at it. No composition rules.
 * The common-password list is passed in: the server bundles it, the dashboard loads it.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
/** Shorter names are refused only as the whole password: as parts they would refuse too much. */
const MIN_NAME_PART = 3;

/** Whose password it is (ASVS 6.2.11: context-specific words). */
export interface PasswordOwner {
  username?: string;
  email?: string;
}

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

const fold = (text: string) => text.normalize("NFKC").toLowerCase();

/** "Password1!", "!!monkey2024": a listed password with digits or symbols around it. */
function listedCore(password: string, common: ReadonlySet<string>): boolean {
  if (common.has(password)) return true;
  const core = password.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
  return core.length >= 4 && core !== password && common.has(core);
}

function containsOwner(password: string, owner: PasswordOwner): string | null {
  const names: [string | undefined, string][] = [
    [owner.username, "the username"],
    [owner.email?.split("@")[0], "the name in the email address"],
  ];
  for (const [raw, what] of names) {
    if (!raw) continue;
    const name = fold(raw);
    if (password === name || (name.length >= MIN_NAME_PART && password.includes(name))) return what;
  }
  return null;
}

export function checkPassword(password: string, owner: PasswordOwner, common: ReadonlySet<string>): PasswordVerdict {
  const normalized = password.normalize("NFKC");
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) return { ok: false, reason: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (length > MAX_PASSWORD_LENGTH) return { ok: false, reason: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  const folded = normalized.toLowerCase();
  const owned = containsOwner(folded, owner);
  if (owned) return { ok: false, reason: `A password cannot contain ${owned}.` };
  if (listedCore(folded, common)) return { ok: false, reason: "This password is too common; choose one that is harder to guess." };
  return { ok: true };
}

/** The list as the rule reads it: lower-case, for a case-insensitive match. */
export function commonPasswordSet(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.map(fold));
}
