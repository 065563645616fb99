import { useSyncExternalStore } from "react";
import { adminServices } from "@/lib/admin/browser";

const subscribe = (onChange: () => void) => {
  const unsubscribe = adminServices().tokens.subscribe(onChange);
  return () => {
    unsubscribe();
  };
};
const snapshot = () => adminServices().tokens.signOutReason();

/** Why this tab's last session ended, when it ended without its user signing out here. */
export function useSignOutReason(): string | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}
