import CloseIcon from "@mui/icons-material/Close";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useIsSmall } from "../layout/useIsSmall";
import { ChangePasswordForm } from "../profile/ChangePasswordForm";

/**
 * After "this wasn't me": the other device is out, and whoever used it may know the password,
 * so the change is asked for here and now rather than left to a visit to the profile.
 */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const isSmall = useIsSmall();
  return (
    <Dialog open={open} onClose={onClose} fullScreen={isSmall} aria-labelledby="not-me-title" data-testid="not-me-dialog">
      <DialogTitle id="not-me-title">Change your password</DialogTitle>
      <DialogContent>
        <Alert severity="success" sx={{ mb: 2 }} data-testid="not-me-signed-out">
          We signed that device out. If someone else knows your password, change it now: they could sign in again with it.
        </Alert>
        <ChangePasswordForm onChanged={onClose} autoFocus />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} startIcon={<CloseIcon />}>
          Not now
        </Button>
      </DialogActions>
    </Dialog>
  );
}
