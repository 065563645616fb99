import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from "@mui/material";
import { useState } from "react";
import { useDataProvider } from "react-admin";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { CodeField } from "./CodeField";
import { codeError } from "./codeError";
import { useDialogSubmit } from "../useDialogSubmit";

/** Turning it off takes a current code, so a borrowed unlocked laptop is not enough. */
export function TurnOffDialog({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const [code, setCode] = useState("");
  const { submit, error, pending } = useDialogSubmit(async () => {
    await dataProvider.disableTotp(code);
    onDone();
  }, codeError);

  return (
    <Dialog open onClose={onCancel} aria-labelledby="totp-off-title" data-testid="totp-off-dialog">
      <form onSubmit={submit} aria-label="Turn off two-step verification">
        <DialogTitle id="totp-off-title">Turn off two-step verification?</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity="warning">Signing in will need only your password, and your recovery codes stop working.</Alert>
            <CodeField value={code} onChange={setCode} error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" color="error" variant="contained" disabled={pending || code.length !== 6}>
            Turn off
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
