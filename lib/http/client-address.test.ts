import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientAddress, markClientAddress } from "./client-address.mjs";

const request = (forwardedFor: string | undefined, peer = "203.0.113.9", extra: Record<string, string> = {}) => ({
  headers: { ...(forwardedFor !== undefined && { "x-forwarded-for": forwardedFor }), ...extra } as Record<string, string | string[] | undefined>,
  socket: { remoteAddress: peer },
});

describe("the caller's address", () => {
  it("with TRUSTED_PROXY_HOPS=0 is the socket's peer, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(request(undefined) as never, 0)).toBe("203.0.113.9");
    expect(clientAddress(request("1.2.3.4, 5.6.7.8") as never, 0)).toBe("203.0.113.9");
  });

  it("with one trusted proxy is the address that proxy saw, ignoring what the client wrote before it", () => {
    // client wrote 6.6.6.6; the proxy appended the real caller 198.51.100.7; the socket is the proxy.
    expect(clientAddress(request("6.6.6.6, 198.51.100.7", "10.0.0.2") as never, 1)).toBe("198.51.100.7");
    expect(clientAddress(request(undefined, "10.0.0.2") as never, 1)).toBe("10.0.0.2");
  });

  it("with two trusted proxies is the address the outer proxy saw", () => {
    expect(clientAddress(request("6.6.6.6, 198.51.100.7, 10.0.0.1", "10.0.0.2") as never, 2)).toBe("198.51.100.7");
    // Fewer entries than hops: the earliest one there is, never an index outside the chain.
    expect(clientAddress(request("198.51.100.7", "10.0.0.2") as never, 2)).toBe("198.51.100.7");
  });

  it("overwrites an x-gatehouse-client-ip header a client sent", () => {
    const req = request(undefined, "203.0.113.9", { [CLIENT_IP_HEADER]: "1.1.1.1" });
    expect(markClientAddress(req as never, 0)).toBe("203.0.113.9");
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.9");
  });
});
