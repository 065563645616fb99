// Headers every response carries, whoever writes it: next.config.js for Next's answers,
// server.mjs for the ones it gives before Next. The page CSP is built per request in proxy.ts.
function baseSecurityHeaders(production) {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

module.exports = { baseSecurityHeaders };
