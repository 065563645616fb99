import { Alert, Button, Stack, Typography } from "@mui/material";
import { type FormEvent, type ReactNode, useState } from "react";
import { useDataProvider, useGetIdentity, useNotify } from "react-admin";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { HttpError } from "@/lib/admin/http-error";
import { strengthHint } from "../users/PasswordInput";
import { useCommonPasswords } from "../users/useCommonPasswords";
import { PasswordField } from "./PasswordField";

type Fields = Partial<Record<"current_password" | "new_password", string>>;

/**
 * Change your own password (the current one is required); the server then ends your other
 * logins. On the profile, and in place after "this wasn't me".
 */
export function ChangePasswordForm({ actions, onChanged, autoFocus = false }: { actions?: ReactNode; onChanged?: () => void; autoFocus?: boolean }) {
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const notify = useNotify();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Fields>({});
  const [pending, setPending] = useState(false);
  const common = useCommonPasswords();
  const owner = { username: identity?.username as string | undefined, email: identity?.email as string | undefined };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    try {
      await dataProvider.changePassword({ current_password: current, new_password: next });
      setCurrent("");
      setNext("");
      setErrors({});
      notify("Password changed. Your other devices have been signed out.", { type: "success" });
      onChanged?.();
    } catch (error) {
      const fields = error instanceof HttpError ? ((error.body as { errors?: Fields } | null)?.errors ?? {}) : {};
      setErrors(Object.keys(fields).length ? fields : { new_password: error instanceof Error ? error.message : "That did not work." });
    } finally {
      setPending(false);
    }
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} aria-label="Change password">
      <Typography variant="subtitle1">Change password</Typography>
      <PasswordField label="Current password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={!!errors.current_password} helperText={errors.current_password} required autoFocus={autoFocus} />
      <PasswordField label="New password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={!!errors.new_password} helperText={errors.new_password ?? strengthHint(next, owner, common)} required />
      <Alert severity="info">Changing your password signs out every other device where you are signed in.</Alert>
      <Stack direction="row" spacing={2} sx={{ flexWrap: "wrap", rowGap: 1 }}>
        <Button type="submit" variant="contained" disabled={pending || !current || !next}>
          Change password
        </Button>
        {actions}
      </Stack>
    </Stack>
  );
}
