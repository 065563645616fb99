import UAParser from "ua-parser-js";

const MAX_NAME = 64;
const SYSTEM_NAMES: Record<string, string> = { "Mac OS": "macOS" };
// Chrome's reduced User-Agent says "K" instead of the phone's model.
const isRealModel = (model: string | undefined): model is string => !!model && model.length > 2;

/**
 * A name to suggest for a new passkey ("Chrome on Linux", "Safari on iPhone"): the browser and
 * the device it lives on, without versions, which a passkey outlives.
 */
export function suggestPasskeyName(userAgent: string | null | undefined): string {
  if (!userAgent) return "Passkey";
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const app = browser.name?.replace(/^Mobile /, "");
  const system = os.name ? (SYSTEM_NAMES[os.name] ?? os.name) : undefined;
  const handheld = device.type === "mobile" || device.type === "tablet";
  const place = handheld && isRealModel(device.model) ? device.model : system;
  const name = app && place ? `${app} on ${place}` : app || place || "Passkey";
  return name.slice(0, MAX_NAME);
}
