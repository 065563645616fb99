import { Route } from "react-router-dom";
import { Admin, CustomRoutes, Resource } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import { i18nProvider } from "@/lib/admin/i18n-provider";
import auditEvents from "./audit";
import { HomePage } from "./home/HomePage";
import invoices from "./invoices";
import { AppLayout } from "./layout/AppLayout";
import { LoginPage } from "./login/LoginPage";
import { SECURITY_ACTIVITY_PATH, SecurityActivityPage } from "./notifications/SecurityActivityPage";
import { ProfilePage } from "./profile/ProfilePage";
import sessions from "./sessions";
import { DevicesPage } from "./sessions/DevicesPage";
import { theme } from "./theme";
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
      i18nProvider={i18nProvider}
      theme={theme}
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
        <Route path={SECURITY_ACTIVITY_PATH} element={<SecurityActivityPage />} />
      </CustomRoutes>
    </Admin>
  );
}
