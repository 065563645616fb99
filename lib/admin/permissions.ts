import type { Role } from "../contracts/auth";

/** What a plain user may do; admins may do everything, including admin-only resources. */
const USER_GRANTS: Record<string, readonly string[]> = {
  invoices: ["list", "show", "create", "edit", "delete", "export"],
};

/** Columns and inputs named `resource.field` that only admins see. */
const ADMIN_ONLY_FIELDS = new Set(["invoices.ownerUsername", "invoices.ownerId"]);

export function canAccess(role: Role | null | undefined, action: string, resource: string): boolean {
  if (role === "admin") return true;
  if (role !== "user") return false;
  if (ADMIN_ONLY_FIELDS.has(resource)) return false;
  const [base, field] = resource.split(".", 2);
  if (field !== undefined) return canAccess(role, action === "read" ? "show" : action, base!);
  return USER_GRANTS[resource]?.includes(action) ?? false;
}
