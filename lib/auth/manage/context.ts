import { errors } from "../../errors/catalog";
import type { AuthContext } from "../context";
import type { Principal } from "../guard";
import type { ManageStorage } from "./storage";

/** The auth core's context plus the storage the admin operations read. */
export interface ManageContext extends AuthContext {
  manage: ManageStorage;
}

/** Admins only; the role is the one the database holds now, so a demotion counts at once. */
export function requireAdmin(principal: Principal): void {
  if (principal.role !== "admin") throw errors.forbidden("Only administrators may do that.");
}

/** Who acted, for the audit trail. */
export const actorOf = (principal: Principal) => ({ actorId: principal.userId, actorUsername: principal.username });
