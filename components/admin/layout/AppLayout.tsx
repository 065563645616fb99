import type { ReactNode } from "react";
import { Layout } from "react-admin";
import { SessionWatcher } from "../session/SessionWatcher";
import { AppMenu } from "./AppMenu";
import { GatehouseAppBar } from "./GatehouseAppBar";

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={GatehouseAppBar} menu={AppMenu}>
      {children}
      <SessionWatcher />
    </Layout>
  );
}
