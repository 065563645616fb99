import { Alert, Card, CardContent, Stack, Typography } from "@mui/material";
import { ListBase, Title } from "react-admin";
import { SessionTable } from "./SessionTable";
import { SignOutOthersButton } from "./SignOutOthersButton";

/**
 * "Your devices": the signed-in user's own logins. Every signed-in user has this page, so
 * the sessions resource's admin-only access rule is not applied to it; the server answers
 * each user with their own logins only.
 */
export function DevicesPage() {
  return (
    <Card sx={{ mt: 2 }} data-testid="devices-page">
      <Title title="Your devices" />
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "center", mb: 1 }}>
          <Typography variant="h6">Where you are signed in</Typography>
          <SignOutOthersButton label="Sign out everywhere else" />
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
