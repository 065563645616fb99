import ListAltIcon from "@mui/icons-material/ListAlt";
import NotificationsIcon from "@mui/icons-material/Notifications";
import NotificationsNoneIcon from "@mui/icons-material/NotificationsNone";
import { Badge, Divider, IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip } from "@mui/material";
import { useState } from "react";
import { useGetList } from "react-admin";
import { useNavigate } from "react-router-dom";
import { NOTIFICATIONS_RESOURCE } from "@/lib/admin/notification-calls";
import type { NotificationRow } from "@/lib/contracts/notifications";
import { NoticeIcon } from "./NoticeIcon";
import { SECURITY_ACTIVITY_PATH } from "./SecurityActivityPage";
import { noticeSentence } from "./sentence";
import { useNow } from "./useNow";
import { useUnreadCount } from "./useUnreadCount";

export const bellName = (unread: number | null) => (unread ? `Security notifications, ${unread} unread` : "Security notifications");

/** The app bar's bell: the unread count from the token answers, and the latest five notices when opened. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const now = useNow();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const navigate = useNavigate();
  const open = anchor !== null;
  const { data, isPending } = useGetList<NotificationRow>(
    NOTIFICATIONS_RESOURCE,
    { pagination: { page: 1, perPage: 5 }, sort: { field: "createdAt", order: "DESC" } },
    { enabled: open },
  );
  const go = () => {
    setAnchor(null);
    navigate(SECURITY_ACTIVITY_PATH);
  };
  const name = bellName(unread);
  return (
    <>
      <Tooltip title={name}>
        <IconButton color="inherit" aria-label={name} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? "notification-menu" : undefined} onClick={(event) => setAnchor(event.currentTarget)} data-testid="notification-bell">
          <Badge badgeContent={unread ?? 0} color="error" max={99} data-testid="notification-badge">
            {unread ? <NotificationsIcon /> : <NotificationsNoneIcon />}
          </Badge>
        </IconButton>
      </Tooltip>
      <Menu id="notification-menu" anchorEl={anchor} open={open} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxWidth: 420 } }, list: { "aria-label": "Latest security notifications" } }}>
        {isPending && (
          <MenuItem disabled sx={{ "&.Mui-disabled": { opacity: 1 } }}>
            <ListItemText>Loading…</ListItemText>
          </MenuItem>
        )}
        {!isPending && !data?.length && (
          <MenuItem disabled sx={{ "&.Mui-disabled": { opacity: 1 } }}>
            <ListItemText>Nothing to tell you yet.</ListItemText>
          </MenuItem>
        )}
        {data?.map((notice) => (
          <MenuItem key={notice.id} onClick={go} data-testid="bell-notice" sx={{ whiteSpace: "normal", alignItems: "flex-start" }}>
            <ListItemIcon sx={{ mt: 0.5 }}>
              <NoticeIcon type={notice.type} fontSize="small" color={notice.read ? "action" : "primary"} />
            </ListItemIcon>
            <ListItemText primary={noticeSentence(notice, now)} slotProps={{ primary: { sx: { fontWeight: notice.read ? "normal" : "bold" } } }} />
          </MenuItem>
        ))}
        <Divider />
        <MenuItem onClick={go}>
          <ListItemIcon>
            <ListAltIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>See all</ListItemText>
        </MenuItem>
      </Menu>
    </>
  );
}
