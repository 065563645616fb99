import { Route } from "react-router-dom";
import { Admin, CustomRoutes, Resource } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import auditEvents from "./audit";
import { HomePage } from "./home/HomePage";
import invoices from "./invoices";
import { AppLayout } from "./layout/AppLayout";
import { LoginPage } from "./login/LoginPage";
import { ProfilePage } from "./profile/ProfilePage";
import sessions from "./sessions";
import { DevicesPage } from "./sessions/DevicesPage";
import users from "./users";

export default function AdminApp() {
  const { authProvider, dataProvider } = adminServices();
  return (
    <Admin
      disableTelemetry
      requireAuth
      title="Gatehouse"
      authProvider={authProvider}
      dataProvider={dataProvider}
      loginPage={LoginPage}
      layout={AppLayout}
      dashboard={HomePage}
    >
      <Resource name="invoices" {...invoices} />
      <Resource name="users" {...users} />
      <Resource name="sessions" {...sessions} />
      <Resource name="audit-events" {...auditEvents} />
      <CustomRoutes>
        <Route path="/devices" element={<DevicesPage />} />
        <Route path="/profile" element={<ProfilePage />} />
      </CustomRoutes>
    </Admin>
  );
}
