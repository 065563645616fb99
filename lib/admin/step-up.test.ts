import { describe, expect, it } from "vitest";
import { createStepUp, stepUpRefusal } from "./step-up";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("step-up", () => {
  it("recognises only the REAUTH_REQUIRED refusal, with its max_age, and leaves the body readable", async () => {
    const refusal = json(401, { detail: "Confirm it's you.", code: "REAUTH_REQUIRED", max_age: 900 });
    expect(await stepUpRefusal(refusal)).toEqual({ detail: "Confirm it's you.", maxAgeSeconds: 900 });
    expect(await refusal.json()).toMatchObject({ code: "REAUTH_REQUIRED" });
    expect(await stepUpRefusal(json(401, { detail: "Not authenticated.", code: "UNAUTHENTICATED" }))).toBeNull();
    expect(await stepUpRefusal(json(403, { detail: "No.", code: "REAUTH_REQUIRED" }))).toBeNull();
    expect(await stepUpRefusal(new Response("not json", { status: 401 }))).toBeNull();
  });

  it("opens one request that every refused call waits on, and settles them all with the one answer", async () => {
    const stepUp = createStepUp();
    let notified = 0;
    stepUp.subscribe(() => notified++);
    const first = stepUp.confirm({ detail: "a", maxAgeSeconds: 900 });
    const second = stepUp.confirm({ detail: "b", maxAgeSeconds: 900 });
    expect(stepUp.current()).toEqual({ detail: "a", maxAgeSeconds: 900 });
    stepUp.settle(true);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(stepUp.current()).toBeNull();
    expect(notified).toBe(2);
    const third = stepUp.confirm({ detail: "c", maxAgeSeconds: 900 });
    stepUp.settle(false);
    expect(await third).toBe(false);
  });
});
