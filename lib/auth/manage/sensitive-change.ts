import type { UserUpdate } from "../../contracts/users";
import type { UserRecord } from "../storage";

/** Whether an admin's edit changes what makes it sensitive: the role, the enabled state, the email or the password. */
export function isSensitiveChange(current: UserRecord, change: UserUpdate): boolean {
  return (
    change.password !== undefined ||
    (change.role !== undefined && change.role !== current.role) ||
    (change.disabled !== undefined && change.disabled !== current.disabled) ||
    (change.email !== undefined && change.email !== current.email)
  );
}
