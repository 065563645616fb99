import { generateSync } from "otplib";

/** Codes as an authenticator app computes them (SHA-1, 6 digits, 30 s), from the key the page showed. */
const PERIOD_MS = 30_000;

export const stepAt = (ms: number = Date.now()) => Math.floor(ms / PERIOD_MS);

/** How long until the next step starts. */
export const msToNextStep = (ms: number = Date.now()) => PERIOD_MS - (ms % PERIOD_MS);

export const totpAt = (secret: string, step: number): string => generateSync({ secret: secret.replace(/[\s=]/g, "").toUpperCase(), epoch: (step * PERIOD_MS) / 1000 });

/** A six-digit string that is none of the codes the server would accept now (one step either side). */
export function wrongCode(secret: string, step = stepAt()): string {
  const valid = new Set([step - 1, step, step + 1].map((s) => totpAt(secret, s)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}
