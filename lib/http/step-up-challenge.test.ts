import { describe, expect, it } from "vitest";
import { errors } from "../errors/catalog";
import { domainErrorResponse } from "./respond";

describe("the step-up refusal (RFC 9470 §3)", () => {
  it("challenges with insufficient_user_authentication and max_age, and puts max_age in the body", async () => {
    const response = domainErrorResponse(errors.reauthRequired(600));
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe(
      'Bearer error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=600',
    );
    expect(await response.json()).toEqual({ detail: "Confirm it's you: enter your password again to do this.", code: "REAUTH_REQUIRED", max_age: 600 });
  });

  it("leaves every other 401 with the plain Bearer challenge and no max_age", async () => {
    const response = domainErrorResponse(errors.unauthenticated());
    expect(response.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(await response.json()).toEqual({ detail: "Not authenticated.", code: "UNAUTHENTICATED" });
  });
});
