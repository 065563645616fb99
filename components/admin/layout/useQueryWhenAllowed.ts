import { useCanAccess, useResourceContext } from "react-admin";

/**
 * Query options that hold a page's request until its role may make it. react-admin's access
 * check sends a refused role to "Access denied", but its list, show and edit controllers
 * fetch once that check has settled, refused or not: a plain user on an admin URL would ask
 * the server for what it is bound to refuse.
 */
export function useQueryWhenAllowed(action: "list" | "show" | "edit") {
  const resource = useResourceContext();
  const { canAccess } = useCanAccess({ action, resource });
  return { enabled: canAccess === true };
}
