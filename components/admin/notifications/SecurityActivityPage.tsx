import DoneAllIcon from "@mui/icons-material/DoneAll";
import { Alert, Button, Card, CardContent, Stack, Typography } from "@mui/material";
import { ListBase, Pagination, Title } from "react-admin";
import { NOTIFICATIONS_RESOURCE } from "@/lib/admin/notification-calls";
import { NoticeItems } from "./NoticeItems";
import { useNoticeActions } from "./useNoticeActions";
import { useUnreadCount } from "./useUnreadCount";

export const SECURITY_ACTIVITY_PATH = "/security-activity";

/**
 * "Security activity": what happened to the signed-in person's account, newest first. The
 * server answers each user with their own notices only, so no access rule is applied here.
 */
export function SecurityActivityPage() {
  const { markAllRead } = useNoticeActions();
  const unread = useUnreadCount();
  return (
    <Card sx={{ mt: 2 }} data-testid="security-activity-page">
      <Title title="Security activity" />
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "center", flexWrap: "wrap", gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h2">
            What happened to your account
          </Typography>
          <Button variant="outlined" startIcon={<DoneAllIcon />} disabled={unread === 0} onClick={() => void markAllRead()}>
            Mark all read
          </Button>
        </Stack>
        <Alert severity="info" sx={{ mb: 1 }}>
          If a sign-in was not you, choose &ldquo;This wasn&apos;t me&rdquo;: that device is signed out at once.
        </Alert>
        <ListBase resource={NOTIFICATIONS_RESOURCE} sort={{ field: "createdAt", order: "DESC" }} perPage={25} disableSyncWithLocation disableAuthentication>
          <NoticeItems />
          <Pagination rowsPerPageOptions={[]} />
        </ListBase>
      </CardContent>
    </Card>
  );
}
