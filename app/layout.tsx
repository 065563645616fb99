import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "Gatehouse", description: "Sign in to the Gatehouse dashboard" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so Next can put this response's CSP nonce on its scripts.
  await connection();
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>{children}</body>
    </html>
  );
}
