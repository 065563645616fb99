// HTTP/1.1 lets a client send an absolute URL as the request target ("absolute-form").
// Next would then build redirects from the client's host, so the target is reduced to the
// origin-form path here, or refused when it names another host.

/**
 * The target as a path (with its query), or null to refuse the request. A target naming
 * this server (same Host) is reduced to its path; leading slashes are collapsed so that no
 * path can read as a protocol-relative URL ("//evil.example") in a redirect.
 */
export function originFormTarget(target, hostHeader) {
  if (target.startsWith("/")) return target.replace(/^\/{2,}/, "/");
  if (target === "*") return target;
  let url;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !hostHeader || url.host.toLowerCase() !== String(hostHeader).toLowerCase()) return null;
  return (url.pathname + url.search).replace(/^\/{2,}/, "/");
}
