import { Card, CardContent, Typography } from "@mui/material";
import { Link, ListBase, Title, useGetIdentity } from "react-admin";
import { SessionTable } from "../sessions/SessionTable";

/** A plain user's home: who they are and where they are signed in (each row is a sign-in still open). */
export function UserHome() {
  const { identity } = useGetIdentity();
  return (
    <Card sx={{ mt: 2 }} data-testid="user-home">
      <Title title="Home" />
      <CardContent>
        <Typography variant="h5">Welcome{identity ? `, ${identity.fullName}` : ""}</Typography>
        <Typography sx={{ mt: 1, mb: 2 }} color="text.secondary">
          Your recent sign-ins that are still open. Manage them on <Link to="/devices">Your devices</Link>.
        </Typography>
        <ListBase resource="sessions" sort={{ field: "createdAt", order: "DESC" }} perPage={5} disableSyncWithLocation disableAuthentication>
          <SessionTable />
        </ListBase>
      </CardContent>
    </Card>
  );
}
