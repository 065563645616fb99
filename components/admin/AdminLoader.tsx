"use client";

import dynamic from "next/dynamic";

// react-admin reads window, navigator.locks and BroadcastChannel: it only ever renders in the browser.
const AdminApp = dynamic(() => import("./AdminApp"), { ssr: false });

export function AdminLoader() {
  return <AdminApp />;
}
