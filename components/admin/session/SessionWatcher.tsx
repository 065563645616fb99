import { useEffect } from "react";
import { useLogout } from "react-admin";
import { adminServices } from "@/lib/admin/browser";

/** Sends this tab to the login page as soon as its session ends elsewhere or is refused by the server. */
export function SessionWatcher() {
  const logout = useLogout();
  useEffect(() => {
    const unsubscribe = adminServices().tokens.subscribe((event) => {
      if (event.type === "signed-out") void logout();
    });
    return () => {
      unsubscribe();
    };
  }, [logout]);
  return null;
}
