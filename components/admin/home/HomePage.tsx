import { Card, CardContent, Skeleton } from "@mui/material";
import { usePermissions } from "react-admin";
import { RowsSkeleton } from "../layout/RowsSkeleton";
import { AdminHome } from "./AdminHome";
import { UserHome } from "./UserHome";

export function HomePage() {
  const { permissions, isPending } = usePermissions();
  if (isPending) {
    return (
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Skeleton variant="text" width="40%" height={40} />
          <RowsSkeleton rows={3} />
        </CardContent>
      </Card>
    );
  }
  return permissions === "admin" ? <AdminHome /> : <UserHome />;
}
