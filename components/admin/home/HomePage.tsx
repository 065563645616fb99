import { usePermissions } from "react-admin";
import { AdminHome } from "./AdminHome";
import { UserHome } from "./UserHome";

export function HomePage() {
  const { permissions, isPending } = usePermissions();
  if (isPending) return null;
  return permissions === "admin" ? <AdminHome /> : <UserHome />;
}
