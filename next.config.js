const production = process.env.NODE_ENV === "production";

// Nothing may call out to the internet: no Next.js telemetry from any build, dev or start,
// whoever runs them. Next reads this after loading the config, before its telemetry starts.
process.env.NEXT_TELEMETRY_DISABLED = "1";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS (a "type" in package.json breaks the build)
const { baseSecurityHeaders } = require("./lib/http/base-headers.cjs");

// Every response; the page Content-Security-Policy is built per request in proxy.ts.
const securityHeaders = Object.entries(baseSecurityHeaders(production)).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "bcryptjs", "pino", "pino-pretty"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
