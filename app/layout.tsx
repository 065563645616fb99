import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "Gatehouse", description: "Sign in to the Gatehouse dashboard" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>{children}</body>
    </html>
  );
}
