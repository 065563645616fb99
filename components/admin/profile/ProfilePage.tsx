import { Alert, Button, Card, CardContent, Divider, Stack, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { Title, useDataProvider, useGetIdentity, useNotify } from "react-admin";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { HttpError } from "@/lib/admin/http-error";
import { SignOutOthersButton } from "../sessions/SignOutOthersButton";
import { strengthHint } from "../users/PasswordInput";
import { useCommonPasswords } from "../users/useCommonPasswords";
import { PasswordField } from "./PasswordField";
import { PasskeysSection } from "./passkeys/PasskeysSection";
import { TwoStepSection } from "./two-step/TwoStepSection";

type Fields = Partial<Record<"current_password" | "new_password", string>>;

/** Change your own password (the current one is required); the server then ends your other logins. */
export function ProfilePage() {
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
    } catch (error) {
      const fields = error instanceof HttpError ? ((error.body as { errors?: Fields } | null)?.errors ?? {}) : {};
      setErrors(Object.keys(fields).length ? fields : { new_password: error instanceof Error ? error.message : "That did not work." });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card sx={{ mt: 2, maxWidth: 560 }} data-testid="profile-page">
      <Title title="Profile" />
      <CardContent>
        <Typography variant="h6">{identity?.fullName}</Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {identity ? `${identity.username} · ${identity.email}` : ""}
        </Typography>
        <Stack component="form" spacing={2} onSubmit={submit} aria-label="Change password">
          <Typography variant="subtitle1">Change password</Typography>
          <PasswordField label="Current password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={!!errors.current_password} helperText={errors.current_password} required />
          <PasswordField label="New password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={!!errors.new_password} helperText={errors.new_password ?? strengthHint(next, owner, common)} required />
          <Alert severity="info">Changing your password signs out every other device where you are signed in.</Alert>
          <Stack direction="row" spacing={2}>
            <Button type="submit" variant="contained" disabled={pending || !current || !next}>
              Change password
            </Button>
            <SignOutOthersButton label="Sign out other devices" />
          </Stack>
        </Stack>
        <Divider sx={{ my: 3 }} />
        <TwoStepSection />
        <Divider sx={{ my: 3 }} />
        <PasskeysSection />
      </CardContent>
    </Card>
  );
}
