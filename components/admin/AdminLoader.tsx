"use client";

import dynamic from "next/dynamic";
import { LoadingShell } from "./LoadingShell";

// react-admin reads window, navigator.locks and BroadcastChannel: it only ever renders in the browser.
const AdminApp = dynamic(() => import("./AdminApp"), { ssr: false, loading: LoadingShell });

export function AdminLoader() {
  return <AdminApp />;
}
