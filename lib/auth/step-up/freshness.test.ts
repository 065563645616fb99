import { describe, expect, it } from "vitest";
import { isDomainError } from "../../errors/domain-error";
import { proofAgeSeconds, requireFreshProof } from "./freshness";

const ctx = { config: { reauthMaxAgeSeconds: 900 } };
const principal = (authTime: number | null) => ({ userId: 1, familyId: "f", role: "admin" as const, username: "a", authTime });
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe("the freshness rule", () => {
  it("counts the proof's age from auth_time, and a token without one as endlessly old", () => {
    expect(proofAgeSeconds(principal(1000), at(1600))).toBe(600);
    expect(proofAgeSeconds(principal(null), at(1600))).toBe(Number.POSITIVE_INFINITY);
  });

  it("lets a proof up to max_age old through and refuses an older one with REAUTH_REQUIRED carrying max_age", () => {
    expect(() => requireFreshProof(ctx, principal(1000), at(1900))).not.toThrow();
    let refusal: unknown;
    try {
      requireFreshProof(ctx, principal(1000), at(1901));
    } catch (error) {
      refusal = error;
    }
    expect(isDomainError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ kind: "reauth_required", maxAgeSeconds: 900 });
    expect(() => requireFreshProof(ctx, principal(null), at(1000))).toThrow(/Confirm it's you/);
  });
});
