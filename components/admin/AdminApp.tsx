import { Admin, Resource } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import invoices from "./invoices";
import { AppLayout } from "./layout/AppLayout";
import { LoginPage } from "./login/LoginPage";

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
    >
      <Resource name="invoices" {...invoices} />
    </Admin>
  );
}
