import { useEffect, useRef } from "react";
import { useGetIdentity } from "react-admin";

/**
 * The signed-in username, still known after the session ended: the in-place sign-in is
 * for that same person only, so nobody else is handed the page and its unsaved input.
 */
export function useSessionUsername() {
  const { identity } = useGetIdentity();
  const username = typeof identity?.username === "string" ? identity.username : null;
  const last = useRef<string | null>(username);
  useEffect(() => {
    if (username) last.current = username;
  }, [username]);
  return last;
}
