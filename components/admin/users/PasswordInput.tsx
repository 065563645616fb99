import { FormDataConsumer, PasswordInput as RaPasswordInput } from "react-admin";
import { checkPassword, MIN_PASSWORD_LENGTH, type PasswordOwner } from "@/lib/contracts/password-policy";
import { useCommonPasswords } from "./useCommonPasswords";

/**
 * How a password measures up, by the rule the server enforces (one rule, in the contracts).
 * Until the common-password list has loaded, only what needs no list is judged.
 */
export function strengthHint(password: string, owner: PasswordOwner, common: ReadonlySet<string> | null): string {
  const length = [...password.normalize("NFKC")].length;
  if (!length) return `At least ${MIN_PASSWORD_LENGTH} characters; long passphrases are best. Common passwords and ones containing the username are refused.`;
  if (length < MIN_PASSWORD_LENGTH) return `Too short: ${MIN_PASSWORD_LENGTH - length} more character${MIN_PASSWORD_LENGTH - length === 1 ? "" : "s"}.`;
  const verdict = checkPassword(password, owner, common ?? new Set());
  if (!verdict.ok) return verdict.reason;
  if (length < 12) return "Acceptable. Longer is stronger: try a passphrase of a few words.";
  return "Strong: long enough to resist guessing.";
}

/** A password field of a user form, with a live hint judged against that form's username and email. */
export function PasswordWithHint({ source, label, required = false }: { source: string; label: string; required?: boolean }) {
  const common = useCommonPasswords();
  return (
    <FormDataConsumer<Record<string, unknown>>>
      {({ formData }) => {
        const text = (name: string) => (typeof formData[name] === "string" ? (formData[name] as string) : "");
        const hint = strengthHint(text(source), { username: text("username"), email: text("email") }, common);
        return <RaPasswordInput source={source} label={label} autoComplete="new-password" helperText={hint} {...(required ? { required: true } : {})} />;
      }}
    </FormDataConsumer>
  );
}
