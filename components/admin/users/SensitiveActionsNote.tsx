import LockClockIcon from "@mui/icons-material/LockClock";
import { Stack, Typography } from "@mui/material";
import { type SensitiveAction, sensitiveActions } from "@/lib/contracts/sensitive-actions";

/**
 * Says up front which of the page's actions need a recent sign-in, so the "Confirm it's you"
 * dialog is no surprise. Signing someone out never does.
 */
export function SensitiveActionsNote({ actions }: { actions: SensitiveAction[] }) {
  const names = actions.map((action) => sensitiveActions[action]);
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start" sx={{ color: "text.secondary", mb: 1 }} data-testid="sensitive-actions-note">
      <LockClockIcon fontSize="small" aria-hidden />
      <Typography variant="body2">
        Needs a recent sign-in (you may be asked for your password): {names.join("; ")}.
      </Typography>
    </Stack>
  );
}
