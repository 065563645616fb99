import type { Metadata } from "next";
import { connection } from "next/server";
import { AdminLoader } from "@/components/admin/AdminLoader";

export const metadata: Metadata = { title: "Gatehouse admin" };

export default async function AdminPage() {
  // Rendered per request, so the CSP nonce the proxy sets reaches Next's script tags.
  await connection();
  return <AdminLoader />;
}
