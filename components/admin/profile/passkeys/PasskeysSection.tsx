import AddIcon from "@mui/icons-material/Add";
import { Alert, Button, Chip, List, Skeleton, Stack, Typography } from "@mui/material";
import { useState } from "react";
import { useGetList, useNotify } from "react-admin";
import type { PasskeyRow as Passkey } from "@/lib/contracts/passkeys";
import { adminServices } from "@/lib/admin/browser";
import { PASSKEYS_RESOURCE } from "@/lib/admin/passkey-calls";
import { AddPasskeyDialog } from "./AddPasskeyDialog";
import { PasskeyItem } from "./PasskeyItem";
import { RenamePasskeyDialog } from "./RenamePasskeyDialog";

/** Profile → Passkeys: add one (a sensitive action), see when each was used, rename or remove them. */
export function PasskeysSection() {
  const notify = useNotify();
  const { data, isPending, error, refetch } = useGetList<Passkey>(PASSKEYS_RESOURCE, { pagination: { page: 1, perPage: 100 }, sort: { field: "id", order: "ASC" } });
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const supported = adminServices().passkeys.supported();
  const changed = () => void refetch();

  return (
    <Stack spacing={2} component="section" aria-labelledby="passkeys-title" data-testid="passkeys-section">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <Typography variant="subtitle1" component="h2" id="passkeys-title">
          Passkeys
        </Typography>
        {data && <Chip size="small" label={data.length} data-testid="passkey-count" />}
      </Stack>
      <Typography variant="body2">Sign in with your fingerprint, face or screen lock instead of a password. A passkey works only on this site, so a look-alike page cannot use it.</Typography>
      {error && <Alert severity="error">Could not load your passkeys.</Alert>}
      {isPending && <Skeleton width="60%" />}
      {data && data.length > 0 && (
        <List disablePadding aria-label="Your passkeys">
          {data.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} onRename={() => setRenaming(passkey)} onChanged={changed} />
          ))}
        </List>
      )}
      {supported ? (
        <Button startIcon={<AddIcon />} variant="outlined" onClick={() => setAdding(true)} sx={{ alignSelf: "flex-start" }}>
          Add a passkey
        </Button>
      ) : (
        <Alert severity="info" data-testid="passkeys-unsupported">
          This browser cannot create or use passkeys. You can still rename or remove the ones you have.
        </Alert>
      )}
      {adding && (
        <AddPasskeyDialog
          onCancel={() => setAdding(false)}
          onAdded={(passkey) => {
            setAdding(false);
            notify(`Passkey "${passkey.name}" added.`, { type: "success" });
            changed();
          }}
        />
      )}
      {renaming && (
        <RenamePasskeyDialog
          passkey={renaming}
          onCancel={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            notify("Passkey renamed.", { type: "success" });
            changed();
          }}
        />
      )}
    </Stack>
  );
}
