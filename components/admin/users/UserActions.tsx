import KeyIcon from "@mui/icons-material/Key";
import LockOpenIcon from "@mui/icons-material/LockOpen";
import LogoutIcon from "@mui/icons-material/Logout";
import PhonelinkEraseIcon from "@mui/icons-material/PhonelinkErase";
import { Dialog, DialogActions, DialogContent, DialogTitle, Button as DialogButton, TextField } from "@mui/material";
import { useState } from "react";
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { UserRow } from "@/lib/contracts/users";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { HttpError } from "@/lib/admin/http-error";
import { ConfirmedButton } from "../layout/ConfirmedButton";
import { strengthHint } from "./PasswordInput";
import { useCommonPasswords } from "./useCommonPasswords";

function useUserAction(action: "unlock" | "logout", done: string) {
  const record = useRecordContext<UserRow>();
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return async () => {
    if (!record) return;
    try {
      await dataProvider.userAction(record.id, action);
      notify(done, { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });
    }
  };
}

export function UnlockButton() {
  return (
    <Button label="Unlock" onClick={useUserAction("unlock", "Sign-in locks cleared.")}>
      <LockOpenIcon />
    </Button>
  );
}

export function SignOutEverywhereButton() {
  const record = useRecordContext<UserRow>();
  const signOut = useUserAction("logout", "Every session of this user has ended.");
  return (
    <ConfirmedButton
      label="Sign out everywhere"
      icon={<LogoutIcon />}
      title={`Sign ${record?.username ?? "this user"} out everywhere?`}
      content="Every device signed in as this user is signed out on its next request."
      confirm="Sign out everywhere"
      onConfirm={signOut}
    />
  );
}

/** For someone who lost their phone or passkeys: removes their two-step verification, recovery codes and passkeys, and ends their logins. */
export function ResetTwoStepButton() {
  const record = useRecordContext<UserRow>();
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record?.totpEnabled && !record?.passkeyCount) return null;
  async function reset() {
    try {
      await dataProvider.resetSecondFactor(record!.id);
      notify("Two-step verification reset; the user's sessions have ended.", { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });
    }
  }
  return (
    <ConfirmedButton
      label="Reset two-step verification"
      icon={<PhonelinkEraseIcon />}
      title={`Reset two-step verification for ${record.username}?`}
      content="Their authenticator app, recovery codes and passkeys stop working and every device they use is signed out. They sign in with their password alone until they set them up again."
      confirm="Reset"
      onConfirm={reset}
    />
  );
}

/** Sets a new password for the user; the server ends every login they have. */
export function ResetPasswordButton() {
  const record = useRecordContext<UserRow>();
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const common = useCommonPasswords();
  if (!record) return null;

  async function save() {
    try {
      await dataProvider.update<UserRow>("users", { id: record!.id, data: { password } as Partial<UserRow>, previousData: record! });
      setOpen(false);
      setPassword("");
      notify("Password reset; the user's sessions have ended.", { type: "success" });
      refresh();
    } catch (failure) {
      const fields = failure instanceof HttpError ? (failure.body as { errors?: Record<string, string> } | null)?.errors : undefined;
      setError(fields?.password ?? (failure instanceof Error ? failure.message : "That did not work."));
    }
  }

  return (
    <>
      <Button label="Reset password" onClick={() => setOpen(true)}>
        <KeyIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="reset-password-title">
        <DialogTitle id="reset-password-title">Reset the password of {record.username}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            type="password"
            label="New password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              setError(null);
            }}
            error={!!error}
            helperText={error ?? strengthHint(password, { username: record.username, email: record.email }, common)}
          />
        </DialogContent>
        <DialogActions>
          <DialogButton onClick={() => setOpen(false)}>Cancel</DialogButton>
          <DialogButton onClick={() => void save()} disabled={!password} variant="contained">
            Reset password
          </DialogButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
