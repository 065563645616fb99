import { describe, expect, it } from "vitest";
import { errors } from "../errors/catalog";
import { ERROR_KINDS } from "../errors/domain-error";
import { ERROR_STATUS } from "./error-status";
import { domainErrorResponse } from "./respond";

describe("the error status table", () => {
  it("has a row for every kind, and none for a kind that does not exist", () => {
    for (const kind of ERROR_KINDS) {
      expect(ERROR_STATUS[kind], kind).toBeDefined();
      expect(ERROR_STATUS[kind].status, kind).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[kind].code, kind).toMatch(/^[A-Z_]+$/);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it("renders each refusal as the wire has always carried it", async () => {
    const cases = [
      [errors.invalidCredentials(), 401, { detail: "Incorrect username or password", code: "INVALID_CREDENTIALS" }, {}],
      [errors.accountError(), 401, { detail: "User account error.", code: "ACCOUNT_ERROR" }, {}],
      [errors.refreshTokenInvalid("idle"), 401, { detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID", reason: "idle" }, {}],
      [errors.unauthenticated(), 401, { detail: "Not authenticated.", code: "UNAUTHENTICATED" }, {}],
      [errors.forbidden(), 403, { detail: "You may not do that.", code: "FORBIDDEN" }, {}],
      [errors.notFound("No such user."), 404, { detail: "No such user.", code: "NOT_FOUND" }, {}],
      [errors.conflict("Taken.", { username: "Already taken" }), 409, { detail: "Taken.", code: "CONFLICT", errors: { username: "Already taken" } }, {}],
      [errors.validation("Bad.", { id: "Not a valid id" }), 422, { detail: "Bad.", code: "VALIDATION_FAILED", errors: { id: "Not a valid id" } }, {}],
      [errors.unsupportedMediaType("Send application/json."), 415, { detail: "Send application/json.", code: "UNSUPPORTED_MEDIA_TYPE" }, {}],
      [errors.payloadTooLarge(), 413, { detail: "The request body is too large.", code: "PAYLOAD_TOO_LARGE" }, {}],
      [errors.requestAborted(), 400, { detail: "The request body was not received completely.", code: "REQUEST_ABORTED" }, {}],
      [errors.crossOrigin(), 403, { detail: "Cross-site requests are not accepted here.", code: "CROSS_ORIGIN_REFUSED" }, {}],
      [errors.rateLimited(58), 429, { detail: "Too many failed sign-in attempts. Try again in 58 seconds.", code: "RATE_LIMITED" }, { "retry-after": "58" }],
      [errors.databaseUnavailable(), 503, { detail: "The database is unavailable. Try again in a moment.", code: "DATABASE_UNAVAILABLE" }, { "retry-after": "5" }],
      [errors.busy(2), 503, { detail: "The server is busy. Try again in a moment.", code: "SERVICE_BUSY" }, { "retry-after": "2" }],
    ] as const;
    for (const [error, status, body, headers] of cases) {
      const response = domainErrorResponse(error);
      expect(response.status, error.kind).toBe(status);
      expect(await response.json(), error.kind).toEqual(body);
      expect(response.headers.get("www-authenticate"), error.kind).toBe(status === 401 ? "Bearer" : null);
      expect(response.headers.get("retry-after"), error.kind).toBe((headers as Record<string, string>)["retry-after"] ?? null);
      expect(response.headers.get("cache-control"), error.kind).toBe("no-store");
    }
  });

  it("answers a device-proof refusal with RFC 9449's DPoP challenge beside Bearer", async () => {
    const required = domainErrorResponse(errors.dpopRequired());
    expect([required.status, ((await required.json()) as { code: string }).code]).toEqual([401, "DPOP_REQUIRED"]);
    expect(required.headers.get("www-authenticate")).toBe('Bearer, DPoP algs="ES256"');
    const invalid = domainErrorResponse(errors.dpopInvalid());
    expect([invalid.status, ((await invalid.json()) as { code: string }).code]).toEqual([401, "DPOP_INVALID"]);
    expect(invalid.headers.get("www-authenticate")).toBe('Bearer, DPoP algs="ES256", error="invalid_dpop_proof"');
  });
});
