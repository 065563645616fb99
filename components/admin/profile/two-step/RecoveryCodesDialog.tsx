import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useState } from "react";
import { RecoveryCodes } from "./RecoveryCodes";

/** The codes shown once; the dialog stays until "I saved them" is ticked (no Escape, no click outside). */
export function RecoveryCodesDialog({ title, codes, onDone }: { title: string; codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <Dialog open onClose={() => saved && onDone()} disableEscapeKeyDown={!saved} aria-labelledby="recovery-codes-title" data-testid="recovery-codes-dialog">
      <DialogTitle id="recovery-codes-title">{title}</DialogTitle>
      <DialogContent>
        <RecoveryCodes codes={codes} saved={saved} onSavedChange={setSaved} />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" disabled={!saved} onClick={onDone}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
