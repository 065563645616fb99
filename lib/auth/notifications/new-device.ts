import UAParser from "ua-parser-js";
import type { SignInHistory } from "./storage";

/** How far back a device is remembered: a sign-in from one unseen for longer is told again. */
export const NEW_DEVICE_WINDOW_DAYS = 90;

/** A device as the rule knows it: browser family and OS family, no versions ("Firefox|Windows"). */
export function deviceFamily(userAgent: string | null): string {
  if (!userAgent) return "unknown|unknown";
  const { browser, os } = new UAParser(userAgent).getResult();
  return `${browser.name ?? userAgent.split(/[\s/;(]/, 1)[0] ?? "unknown"}|${os.name ?? "unknown"}`.toLowerCase();
}

export const newDeviceSince = (now: Date) => new Date(now.getTime() - NEW_DEVICE_WINDOW_DAYS * 86_400_000);

/**
 * The new-device rule (docs/notifications.md#the-new-device-rule): a sign-in is from a new
 * device when the user has signed in before and none of their sign-ins in the last 90 days
 * came from the same browser family on the same OS family. A first sign-in tells nothing.
 */
export function isNewDevice(userAgent: string | null, history: SignInHistory): boolean {
  if (!history.signedInBefore) return false;
  const family = deviceFamily(userAgent);
  return !history.recentUserAgents.some((seen) => deviceFamily(seen) === family);
}
