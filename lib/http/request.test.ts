import { describe, expect, it } from "vitest";
import { readJson } from "./request";

describe("reading a request body", () => {
  it("answers a body the client stopped sending with a quiet 400, not a server error", async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"username":'));
        } else {
          controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        }
      },
    });
    const request = new Request("http://localhost/api/auth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    await expect(readJson(request)).rejects.toMatchObject({ status: 400, code: "REQUEST_ABORTED" });
  });
});
