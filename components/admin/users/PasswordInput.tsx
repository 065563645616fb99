import { PasswordInput as RaPasswordInput, useInput } from "react-admin";

const MIN = 8;

/** How a password measures up to the server's policy; the server has the last word (common passwords). */
export function strengthHint(password: string, username = ""): string {
  const length = [...password.normalize("NFKC")].length;
  if (!length) return `At least ${MIN} characters; long passphrases are best. Common passwords are refused.`;
  if (length < MIN) return `Too short: ${MIN - length} more character${MIN - length === 1 ? "" : "s"}.`;
  if (username && password.toLowerCase() === username.toLowerCase()) return "Cannot be the username.";
  if (length < 12) return "Acceptable. Longer is stronger: try a passphrase of a few words.";
  return "Strong: long enough to resist guessing.";
}

/** A password field with a live strength hint under it. */
export function PasswordWithHint({ source, label, required = false }: { source: string; label: string; required?: boolean }) {
  const { field } = useInput({ source });
  const value = typeof field.value === "string" ? field.value : "";
  return <RaPasswordInput source={source} label={label} autoComplete="new-password" helperText={strengthHint(value)} {...(required ? { required: true } : {})} />;
}
