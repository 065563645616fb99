import DeleteIcon from "@mui/icons-material/Delete";
import EditIcon from "@mui/icons-material/Edit";
import { Chip, ListItem, ListItemText, Stack } from "@mui/material";
import { Button, useDataProvider, useNotify } from "react-admin";
import type { PasskeyRow as Passkey } from "@/lib/contracts/passkeys";
import { PASSKEYS_RESOURCE } from "@/lib/admin/passkey-calls";
import { ConfirmedButton } from "../../layout/ConfirmedButton";

const when = (iso: string) => new Date(iso).toLocaleString();

/** One passkey: its name, when it was added and last used, and rename and remove (which asks first, and may ask "Confirm it's you"). */
export function PasskeyItem({ passkey, onRename, onChanged }: { passkey: Passkey; onRename: () => void; onChanged: () => void }) {
  const dataProvider = useDataProvider();
  const notify = useNotify();

  async function remove() {
    try {
      await dataProvider.delete(PASSKEYS_RESOURCE, { id: passkey.id, previousData: passkey });
      notify(`Passkey "${passkey.name}" removed.`, { type: "success" });
      onChanged();
    } catch (failure) {
      notify(failure instanceof Error && failure.message ? failure.message : "That did not work.", { type: "error" });
    }
  }

  return (
    <ListItem divider disableGutters data-testid="passkey-item" sx={{ flexWrap: "wrap", columnGap: 1 }}>
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} component="span" sx={{ alignItems: "center" }}>
            <span data-testid="passkey-name">{passkey.name}</span>
            {passkey.backedUp && <Chip size="small" label="Synced" />}
          </Stack>
        }
        secondary={
          <>
            <span data-testid="passkey-created">Added {when(passkey.createdAt)}</span>
            {" · "}
            <span data-testid="passkey-last-used">{passkey.lastUsedAt ? `Last used ${when(passkey.lastUsedAt)}` : "Never used"}</span>
          </>
        }
      />
      <Stack direction="row" spacing={1}>
        <Button label="Rename" onClick={onRename}>
          <EditIcon />
        </Button>
        <ConfirmedButton
          label="Remove"
          icon={<DeleteIcon />}
          title={`Remove the passkey "${passkey.name}"?`}
          content="It stops working here at once. Your password still signs you in; delete the passkey from the device or password manager that keeps it, too."
          confirm="Remove"
          onConfirm={remove}
        />
      </Stack>
    </ListItem>
  );
}
