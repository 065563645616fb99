// The caller's address for throttling and the audit trail. Next trusts any client-sent
// X-Forwarded-For; here only the socket, or exactly `trustedHops` proxies in front of it,
// are believed, and the result travels in a header no client can set.

export const CLIENT_IP_HEADER = "x-gatehouse-client-ip";

/** The socket's peer, or the address the nearest trusted proxy saw. */
export function clientAddress(req, trustedHops) {
  const chain = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  chain.push(req.socket.remoteAddress ?? "unknown");
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}

/** Records the address on the request, replacing whatever a client sent in that header. */
export function markClientAddress(req, trustedHops) {
  const ip = clientAddress(req, trustedHops);
  req.headers[CLIENT_IP_HEADER] = ip;
  return ip;
}
