import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readJson } from "./request";

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
    await expect(readJson(request)).rejects.toMatchObject({ kind: "request_aborted" });
  });

  /** A JSON object of exactly `bytes` bytes in UTF-8, padded with `pad` (one or two bytes each). */
  const jsonOf = (bytes: number, pad: string) => {
    const frame = Buffer.byteLength('{"pad":""}');
    const text = `{"pad":"${pad.repeat(Math.floor((bytes - frame) / Buffer.byteLength(pad)))}${"x".repeat((bytes - frame) % Buffer.byteLength(pad))}"}`;
    expect(Buffer.byteLength(text)).toBe(bytes);
    return text;
  };
  const declared = (text: string) =>
    new Request("http://localhost/api/invoices", { method: "POST", headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }, body: text });
  // No Content-Length, in 1000-byte chunks, as a client streaming its body sends it.
  const streamed = (text: string) => {
    const bytes = Buffer.from(text);
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, (offset += 1000)));
      },
    });
    return new Request("http://localhost/api/invoices", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
  };

  it("reads a body of exactly 64 KiB and refuses one byte more with 413, declared or streamed, counting bytes", async () => {
    expect(MAX_BODY_BYTES).toBe(65_536);
    for (const pad of ["a", "\u00e9"]) {
      for (const send of [declared, streamed]) {
        await expect(readJson(send(jsonOf(MAX_BODY_BYTES, pad)))).resolves.toMatchObject({ pad: expect.any(String) });
        await expect(readJson(send(jsonOf(MAX_BODY_BYTES + 1, pad)))).rejects.toMatchObject({ kind: "payload_too_large" });
      }
    }
    // A declared length over the limit is refused before a byte is read.
    const unread = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error("the body was read")) });
    const announced = new Request("http://localhost/api/invoices", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
      body: unread,
      duplex: "half",
    } as RequestInit);
    await expect(readJson(announced)).rejects.toMatchObject({ kind: "payload_too_large" });
    // A Content-Length that understates the body does not get the rest past the limit.
    const lying = streamed(jsonOf(MAX_BODY_BYTES + 1, "a"));
    lying.headers.set("content-length", "10");
    await expect(readJson(lying)).rejects.toMatchObject({ kind: "payload_too_large" });
  });
});
