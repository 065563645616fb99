import { useSyncExternalStore } from "react";
import { adminServices } from "@/lib/admin/browser";

/** The unread notices as the last token answer (here or in another tab) said; null until one has. */
export function useUnreadCount(): number | null {
  const { unread } = adminServices();
  return useSyncExternalStore(unread.subscribe, unread.get, () => null);
}
