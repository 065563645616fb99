import { Alert, Card, CardContent, Stack, Typography } from "@mui/material";
import { useState } from "react";
import { Button, ListBase, Title, useNotify, useRefresh } from "react-admin";
import { signOutOtherDevices } from "@/lib/admin/sign-out-others";
import { SessionTable } from "./SessionTable";

/**
 * "Your devices": the signed-in user's own logins. Every signed-in user has this page, so
 * the sessions resource's admin-only access rule is not applied to it; the server answers
 * each user with their own logins only.
 */
export function DevicesPage() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);

  async function signOutOthers() {
    setPending(true);
    try {
      await signOutOtherDevices();
      notify("Signed out everywhere else.", { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "That did not work.", { type: "error" });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card sx={{ mt: 2 }} data-testid="devices-page">
      <Title title="Your devices" />
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "center", mb: 1 }}>
          <Typography variant="h6">Where you are signed in</Typography>
          <Button label="Sign out everywhere else" onClick={() => void signOutOthers()} disabled={pending} variant="outlined" />
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
