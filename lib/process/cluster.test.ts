import { describe, expect, it } from "vitest";
import { processesOfThisServer, webConcurrency } from "./cluster.mjs";

describe("webConcurrency", () => {
  it("reads a whole number of processes, auto as one per core, and refuses anything else", () => {
    expect([undefined, "", "1", "2", "64", "auto", " AUTO "].map((raw) => webConcurrency(raw, 8))).toEqual([1, 1, 1, 2, 64, 8, 8]);
    expect(["0", "65", "1.5", "two", "-1"].map((raw) => webConcurrency(raw, 8))).toEqual([null, null, null, null, null]);
  });
});

describe("processesOfThisServer", () => {
  it("is WEB_CONCURRENCY's count in a worker of the primary, and 1 in a process serving alone", () => {
    expect(processesOfThisServer(true, "2")).toBe(2);
    expect(processesOfThisServer(true, "auto")).toBeGreaterThanOrEqual(1);
    // `npm run dev` and a single `npm start` are no cluster's workers, whatever the variable says.
    expect(processesOfThisServer(false, "4")).toBe(1);
    expect(processesOfThisServer(true, undefined)).toBe(1);
  });
});
