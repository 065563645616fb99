import { describe, expect, it } from "vitest";
import { deviceFamily, isNewDevice, newDeviceSince, NEW_DEVICE_WINDOW_DAYS } from "./new-device";

const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const FIREFOX_WINDOWS_NEWER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const CURL = "curl/8.5.0";

describe("the new-device rule", () => {
  // The history is what the store hands over: any sign-in ever, and the devices of the last 90 days.
  const table: Array<[string, string | null, { signedInBefore: boolean; recentUserAgents: (string | null)[] }, boolean]> = [
    ["a first sign-in tells nothing", FIREFOX_WINDOWS, { signedInBefore: false, recentUserAgents: [] }, false],
    ["the same device again tells nothing", FIREFOX_WINDOWS, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS] }, false],
    ["a newer version of the same browser is the same device", FIREFOX_WINDOWS_NEWER, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS] }, false],
    ["another browser on the same system is new", CHROME_WINDOWS, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS] }, true],
    ["the same browser on another system is new", FIREFOX_LINUX, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS] }, true],
    ["a device seen among others is not new", CHROME_MAC, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS, CHROME_MAC] }, false],
    ["a device last seen over 90 days ago is new again (none within the window)", FIREFOX_WINDOWS, { signedInBefore: true, recentUserAgents: [] }, true],
    ["a tool is a device of its own", CURL, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS] }, true],
    ["the same tool again tells nothing", CURL, { signedInBefore: true, recentUserAgents: ["curl/8.6.0"] }, false],
    ["no User-Agent after no User-Agent tells nothing", null, { signedInBefore: true, recentUserAgents: [null] }, false],
    ["no User-Agent after a browser is new", null, { signedInBefore: true, recentUserAgents: [FIREFOX_WINDOWS] }, true],
  ];
  for (const [name, userAgent, history, expected] of table) {
    it(name, () => expect(isNewDevice(userAgent, history)).toBe(expected));
  }

  it("names a device by browser family and OS family, without versions", () => {
    expect(deviceFamily(FIREFOX_WINDOWS)).toBe(deviceFamily(FIREFOX_WINDOWS_NEWER));
    expect(deviceFamily(FIREFOX_WINDOWS)).toBe("firefox|windows");
    expect(deviceFamily(CHROME_MAC)).toBe("chrome|mac os");
  });

  it("looks back 90 days", () => {
    const now = new Date("2026-12-07T12:00:00Z");
    expect(NEW_DEVICE_WINDOW_DAYS).toBe(90);
    expect(newDeviceSince(now).toISOString()).toBe("2026-09-08T12:00:00.000Z");
  });
});
