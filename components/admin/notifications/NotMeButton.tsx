import GppMaybeIcon from "@mui/icons-material/GppMaybe";
import { Button, Chip } from "@mui/material";
import { useState } from "react";
import type { NotificationRow } from "@/lib/contracts/notifications";
import { ChangePasswordDialog } from "./ChangePasswordDialog";
import { useNoticeActions } from "./useNoticeActions";

/**
 * One click ends the login the notice names (a protective action: no proof asked), then the
 * password change opens in place. Once that login has ended, by this or otherwise, it says so
 * instead; the dialog stays with it, so the list's refresh after the click leaves it open.
 */
export function NotMeButton({ notice }: { notice: Pick<NotificationRow, "id" | "read" | "sessionActive"> }) {
  const { notMe } = useNoticeActions();
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  async function click() {
    setPending(true);
    const ended = await notMe(notice);
    setPending(false);
    if (ended) setAsking(true);
  }
  return (
    <>
      {notice.sessionActive ? (
        <Button variant="outlined" color="error" size="small" startIcon={<GppMaybeIcon />} disabled={pending} onClick={() => void click()}>
          This wasn&apos;t me
        </Button>
      ) : (
        <Chip size="small" variant="outlined" label="Signed out" data-testid="notice-session-ended" />
      )}
      <ChangePasswordDialog open={asking} onClose={() => setAsking(false)} />
    </>
  );
}
