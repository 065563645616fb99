import type { Page } from "@playwright/test";

/**
 * Chromium's virtual authenticator on a page (CDP WebAuthn domain): a platform authenticator
 * (CTAP2, internal) with resident keys and user verification that answers every prompt by
 * itself, as a person touching the fingerprint reader would. It holds credentials in memory
 * for this page only, and needs no network.
 */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    /** The credentials it holds, with their signature counters. */
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    /** Whether it answers prompts by itself; off, a prompt waits as for a person who has not touched the sensor. */
    setPresence: (enabled: boolean) => cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled }),
  };
}

/** A browser whose WebAuthn reports no conditional mediation, so the login page starts no autofill request. */
export const withoutPasskeyAutofill = (page: Page) =>
  page.addInitScript(() => {
    if (window.PublicKeyCredential) Object.defineProperty(window.PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false, configurable: true });
  });

/** A browser without WebAuthn at all. */
export const withoutWebAuthn = (page: Page) =>
  page.addInitScript(() => {
    Reflect.deleteProperty(window, "PublicKeyCredential");
  });
