import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AuditEventInput } from "../auth/storage";
import { createLogger } from "../log/logger.mjs";
import { loggedAudit } from "./logged-audit";

describe("auth events in the log", () => {
  it("writes each event to the table and one JSON line without the username", async () => {
    let output = "";
    const destination = new Writable({ write: (chunk, _encoding, done) => void ((output += String(chunk)), done()) });
    const recorded: AuditEventInput[] = [];
    const audit = loggedAudit({ record: async (event) => void recorded.push(event) }, createLogger({ level: "info", destination }));
    const event: AuditEventInput = { type: "login.failed", userId: 7, username: "my-password-typed-here", ip: "10.0.0.1", detail: { reason: "bad_password" } };
    await audit.record(event, new Date());
    expect(recorded).toEqual([event]);
    const line = JSON.parse(output.trim());
    expect(line).toMatchObject({ msg: "auth event", event: "login.failed", userId: 7, ip: "10.0.0.1", reason: "bad_password", level: 30 });
    expect(output).not.toContain("my-password-typed-here");
  });

  it("logs a detected token reuse as a warning", async () => {
    let output = "";
    const destination = new Writable({ write: (chunk, _encoding, done) => void ((output += String(chunk)), done()) });
    const audit = loggedAudit({ record: async () => undefined }, createLogger({ level: "info", destination }));
    await audit.record({ type: "refresh.reuse_detected", familyId: "f1" }, new Date());
    expect(JSON.parse(output.trim())).toMatchObject({ event: "refresh.reuse_detected", familyId: "f1", level: 40 });
  });
});
