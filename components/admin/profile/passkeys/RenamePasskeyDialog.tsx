import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from "@mui/material";
import { useState } from "react";
import { useDataProvider } from "react-admin";
import type { PasskeyRow as Passkey } from "@/lib/contracts/passkeys";
import { PASSKEYS_RESOURCE } from "@/lib/admin/passkey-calls";
import { nameError } from "./nameError";
import { PasskeyNameField } from "./PasskeyNameField";
import { useDialogSubmit } from "../useDialogSubmit";

export function RenamePasskeyDialog({ passkey, onCancel, onRenamed }: { passkey: Passkey; onCancel: () => void; onRenamed: () => void }) {
  const dataProvider = useDataProvider();
  const [name, setName] = useState(passkey.name);
  const { submit, error, pending } = useDialogSubmit(async () => {
    await dataProvider.update(PASSKEYS_RESOURCE, { id: passkey.id, data: { name: name.trim() }, previousData: passkey });
    onRenamed();
  }, nameError);

  return (
    <Dialog open onClose={onCancel} aria-labelledby="passkey-rename-title" data-testid="passkey-rename-dialog">
      <form onSubmit={submit} aria-label="Rename passkey">
        <DialogTitle id="passkey-rename-title">Rename passkey</DialogTitle>
        <DialogContent>
          <Stack sx={{ pt: 1 }}>
            <PasskeyNameField value={name} onChange={setName} error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending || !name.trim() || name.trim() === passkey.name}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
