import { describe, expect, it } from "vitest";
import { suggestPasskeyName } from "./passkey-name";

describe("suggestPasskeyName", () => {
  it("names the browser and the system, without versions", () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    expect(suggestPasskeyName(chrome)).toBe("Chrome on Linux");
    const windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
    expect(suggestPasskeyName(windows)).toBe("Edge on Windows");
    const firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:121.0) Gecko/20100101 Firefox/121.0";
    expect(suggestPasskeyName(firefox)).toBe("Firefox on macOS");
  });

  it("names a phone by its model where the browser says it", () => {
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    expect(suggestPasskeyName(iphone)).toBe("Safari on iPhone");
    const pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    expect(suggestPasskeyName(pixel)).toBe("Chrome on Pixel 7");
    const reduced = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    expect(suggestPasskeyName(reduced)).toBe("Chrome on Android");
  });

  it("falls back to a plain word for an unknown or missing agent", () => {
    expect(suggestPasskeyName(undefined)).toBe("Passkey");
    expect(suggestPasskeyName("")).toBe("Passkey");
    expect(suggestPasskeyName("curl/8.5.0")).toBe("Passkey");
  });
});
