import { Chip, List, ListItem, ListItemIcon, ListItemText, Stack } from "@mui/material";
import { useListContext } from "react-admin";
import type { NotificationRow } from "@/lib/contracts/notifications";
import { RowsSkeleton } from "../layout/RowsSkeleton";
import { NoticeIcon } from "./NoticeIcon";
import { NotMeButton } from "./NotMeButton";
import { noticeSentence } from "./sentence";
import { useNow } from "./useNow";

/** The notices of the list context, one line each; an unread one is in bold with a "New" mark. */
export function NoticeItems() {
  const { data, isPending } = useListContext<NotificationRow>();
  const now = useNow();
  if (isPending) return <RowsSkeleton rows={3} />;
  if (!data?.length) return <p>Nothing has happened to your account that you need to know about.</p>;
  return (
    <List data-testid="notices" aria-label="Security notifications">
      {data.map((notice) => (
        <ListItem key={notice.id} divider data-testid="notice" data-read={notice.read} sx={{ alignItems: "flex-start", flexWrap: "wrap", gap: 1 }}>
          <ListItemIcon sx={{ mt: 0.5, minWidth: 40 }}>
            <NoticeIcon type={notice.type} color={notice.read ? "action" : "primary"} />
          </ListItemIcon>
          <ListItemText
            sx={{ flex: "1 1 240px" }}
            primary={noticeSentence(notice, now)}
            slotProps={{ primary: { sx: { fontWeight: notice.read ? "normal" : "bold" } } }}
          />
          <Stack direction="row" spacing={1} sx={{ alignItems: "center", ml: { xs: 5, sm: 0 } }}>
            {!notice.read && <Chip size="small" color="primary" label="New" data-testid="notice-unread" />}
            {notice.type === "new_device_sign_in" && notice.sessionId && <NotMeButton notice={notice} />}
          </Stack>
        </ListItem>
      ))}
    </List>
  );
}
