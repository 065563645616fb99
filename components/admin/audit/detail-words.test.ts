import { describe, expect, it } from "vitest";
import { detailWords } from "./detail-words";

describe("detailWords", () => {
  it("reads every detail the trail records in words", () => {
    expect(detailWords({ reason: "bad_password" })).toEqual([["Reason", "wrong password"]]);
    expect(detailWords({ retryAfter: 60 })).toEqual([["Locked for", "60 s"]]);
    expect(detailWords({ scope: "others", tokensRevoked: 3 })).toEqual([["Ended", "every other session"], ["Tokens revoked", "3"]]);
    expect(detailWords({ from: "user", to: "admin" })).toEqual([["From", "User"], ["To", "Administrator"]]);
    expect(detailWords({ fields: "fullName,email" })).toEqual([["Changed", "full name, email"]]);
  });

  it("turns a key it does not know into words rather than showing it raw", () => {
    expect(detailWords({ someNewCount: 2, snake_case: true })).toEqual([["Some new count", "2"], ["Snake case", "true"]]);
    expect(detailWords(null)).toEqual([]);
  });

  it("says how a re-authentication was proved, and which recorded actions needed a recent sign-in", () => {
    expect(detailWords({ amr: "pwd" }, "reauth.succeeded")).toEqual([["Proved by", "password"]]);
    expect(detailWords({ from: "user", to: "admin" }, "user.role_changed")).toContainEqual(["Confirmation", "needed a recent sign-in"]);
    expect(detailWords(null, "user.deleted")).toEqual([["Confirmation", "needed a recent sign-in"]]);
    expect(detailWords({ fields: "email" }, "user.updated")).toContainEqual(["Confirmation", "needed a recent sign-in"]);
    expect(detailWords({ fields: "fullName" }, "user.updated")).toEqual([["Changed", "full name"]]);
    expect(detailWords({ scope: "all" }, "session.revoked")).toEqual([["Ended", "every session"]]);
  });
});
