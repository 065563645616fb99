import KeyIcon from "@mui/icons-material/Key";
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from "@mui/material";
import { useState } from "react";
import { useDataProvider } from "react-admin";
import type { PasskeyRow as Passkey } from "@/lib/contracts/passkeys";
import type { GatehouseDataProvider } from "@/lib/admin/data-provider";
import { suggestPasskeyName } from "@/lib/admin/passkey-name";
import { nameError } from "./nameError";
import { PasskeyNameField } from "./PasskeyNameField";
import { useDialogSubmit } from "../useDialogSubmit";

/** Name it, then the browser's own prompt creates it; a closed prompt leaves the dialog as it was, with nothing saved. */
export function AddPasskeyDialog({ onCancel, onAdded }: { onCancel: () => void; onAdded: (passkey: Passkey) => void }) {
  const dataProvider = useDataProvider<GatehouseDataProvider>();
  const [name, setName] = useState(() => suggestPasskeyName(navigator.userAgent));
  const { submit, error, pending } = useDialogSubmit(async () => onAdded(await dataProvider.addPasskey(name.trim())), nameError);

  return (
    <Dialog open onClose={onCancel} aria-labelledby="passkey-add-title" data-testid="passkey-add-dialog">
      <form onSubmit={submit} aria-label="Add a passkey">
        <DialogTitle id="passkey-add-title">Add a passkey</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2">Your browser asks where to keep it: this device, a password manager, or a phone or security key.</Typography>
            <PasskeyNameField value={name} onChange={setName} error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="contained" startIcon={<KeyIcon />} disabled={pending || !name.trim()}>
            {pending ? "Waiting for the browser…" : "Create passkey"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
