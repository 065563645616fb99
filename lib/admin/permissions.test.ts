import { describe, expect, it } from "vitest";
import { canAccess } from "./permissions";

describe("permissions", () => {
  it("lets admins do everything, including admin-only resources and columns", () => {
    expect(canAccess("admin", "delete", "invoices")).toBe(true);
    expect(canAccess("admin", "list", "users")).toBe(true);
    expect(canAccess("admin", "read", "invoices.ownerUsername")).toBe(true);
  });

  it("lets users work on their invoices but not see owners or admin resources", () => {
    for (const action of ["list", "show", "create", "edit", "delete"]) expect(canAccess("user", action, "invoices")).toBe(true);
    expect(canAccess("user", "read", "invoices.customer")).toBe(true);
    expect(canAccess("user", "read", "invoices.ownerUsername")).toBe(false);
    expect(canAccess("user", "list", "users")).toBe(false);
    expect(canAccess("user", "list", "sessions")).toBe(false);
  });

  it("grants nothing without a role", () => {
    expect(canAccess(null, "list", "invoices")).toBe(false);
  });
});
