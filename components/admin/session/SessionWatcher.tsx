import { useEffect } from "react";
import { useLogout } from "react-admin";
import { adminServices } from "@/lib/admin/browser";
import { ReauthDialog } from "./ReauthDialog";
import { SessionCapWarning } from "./SessionCapWarning";
import { StepUpDialog } from "./StepUpDialog";
import { useSessionUsername } from "./useSessionUsername";

/**
 * Reacts when this tab's session ends without its user asking here. A sign-out in another
 * tab goes to the login page; a session the server refused is offered a sign-in in place,
 * so the page and any unsaved input survive.
 */
export function SessionWatcher() {
  const logout = useLogout();
  const username = useSessionUsername();
  useEffect(() => {
    const { tokens, reauth } = adminServices();
    const unsubscribe = tokens.subscribe((event) => {
      if (event.type !== "signed-out") return;
      if (event.resumable && username.current) reauth.open({ username: username.current, message: event.reason, voluntary: false });
      else void logout();
    });
    return () => {
      unsubscribe();
    };
  }, [logout, username]);
  return (
    <>
      <ReauthDialog />
      <StepUpDialog />
      <SessionCapWarning />
    </>
  );
}
