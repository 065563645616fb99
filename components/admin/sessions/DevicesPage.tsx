import DevicesOtherIcon from "@mui/icons-material/DevicesOther";
import { Alert, Card, CardContent, Stack, Typography } from "@mui/material";
import { ListBase, Title, useNotify, useRefresh } from "react-admin";
import { signOutOtherDevices } from "@/lib/admin/sign-out-others";
import { ConfirmedButton } from "../layout/ConfirmedButton";
import { SessionTable } from "./SessionTable";

/**
 * "Your devices": the signed-in user's own logins. Every signed-in user has this page, so
 * the sessions resource's admin-only access rule is not applied to it; the server answers
 * each user with their own logins only.
 */
export function DevicesPage() {
  const notify = useNotify();
  const refresh = useRefresh();

  async function signOutOthers() {
    try {
      await signOutOtherDevices();
      notify("Signed out everywhere else.", { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });
    }
  }

  return (
    <Card sx={{ mt: 2 }} data-testid="devices-page">
      <Title title="Your devices" />
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "center", mb: 1 }}>
          <Typography variant="h6">Where you are signed in</Typography>
          <ConfirmedButton
            label="Sign out everywhere else"
            icon={<DevicesOtherIcon />}
            variant="outlined"
            title="Sign out everywhere else?"
            content="Every other device signed in as you is signed out on its next request. This one stays signed in."
            confirm="Sign out the others"
            onConfirm={signOutOthers}
          />
        </Stack>
        <Alert severity="info" sx={{ mb: 2 }}>
          Ending a session signs that device out on its next request.
        </Alert>
        <ListBase resource="sessions" sort={{ field: "lastUsedAt", order: "DESC" }} perPage={50} disableSyncWithLocation disableAuthentication>
          <SessionTable />
        </ListBase>
      </CardContent>
    </Card>
  );
}
