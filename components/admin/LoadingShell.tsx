import type { CSSProperties } from "react";

const bar: CSSProperties = { height: 48, background: "#1565c0", color: "#fff", display: "flex", alignItems: "center", padding: "0 16px", font: "500 1.25rem system-ui, sans-serif" };
const body: CSSProperties = { minHeight: "calc(100vh - 48px)", background: "#fafafb", display: "flex", alignItems: "center", justifyContent: "center", font: "1rem system-ui, sans-serif", color: "#333" };

/**
 * What the server sends while the dashboard's bundle loads: the app bar's colour and a
 * status line instead of a blank white page. Inline styles only, which the CSP allows.
 */
export function LoadingShell() {
  return (
    <div data-testid="loading-shell">
      <header style={bar}>Gatehouse</header>
      <main style={body}>
        <p role="status">Loading the dashboard…</p>
      </main>
    </div>
  );
}
