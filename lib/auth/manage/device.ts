import UAParser from "ua-parser-js";

/** A readable browser and system for a User-Agent ("Chrome 120 on Windows 10"). */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os } = new UAParser(userAgent).getResult();
  const app = [browser.name, browser.major].filter(Boolean).join(" ");
  const system = [os.name, os.version].filter(Boolean).join(" ");
  if (app && system) return `${app} on ${system}`;
  // Scripts and tools (curl/8.5.0, node) are named by their own first word.
  return app || system || userAgent.split(/[\s;(]/, 1)[0]!.slice(0, 40) || "Unknown device";
}
