import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from "@mui/material";
import { useState } from "react";
import { useDataProvider } from "react-admin";
import type { TotpEnrolment } from "@/lib/contracts/mfa";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { CodeField } from "./CodeField";
import { codeError } from "./codeError";
import { QrCode } from "./QrCode";
import { SecretKey } from "./SecretKey";
import { useDialogSubmit } from "../useDialogSubmit";

/** Scan (or type) the secret, then prove the app has it with its first code; nothing is on before that. */
export function SetUpDialog({ enrolment, onCancel, onConfirmed }: { enrolment: TotpEnrolment; onCancel: () => void; onConfirmed: (codes: string[]) => void }) {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const [code, setCode] = useState("");
  const { submit, error, pending } = useDialogSubmit(async () => onConfirmed((await dataProvider.confirmTotp(code)).recovery_codes), codeError);

  return (
    <Dialog open onClose={onCancel} aria-labelledby="totp-setup-title" data-testid="totp-setup-dialog">
      <form onSubmit={submit} aria-label="Set up two-step verification">
        <DialogTitle id="totp-setup-title">Set up two-step verification</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2">Scan this code with an authenticator app (Google Authenticator, 1Password, Aegis …), then enter the 6-digit code it shows.</Typography>
            <QrCode uri={enrolment.otpauth_uri} />
            <SecretKey secret={enrolment.secret} />
            <CodeField value={code} onChange={setCode} error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending || code.length !== 6}>
            Turn on
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
