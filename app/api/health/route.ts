import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database work, so a slow database never fails it. */
export function GET() {
  return json({ status: "ok" });
}
