import { createHmac } from "node:crypto";

/**
 * RFC 6238 codes as an authenticator app computes them (SHA-1, 6 digits, 30 s), written here
 * from the RFC rather than shared with the server, so the browser test is an independent check.
 */
const PERIOD_MS = 30_000;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export const stepAt = (ms: number = Date.now()) => Math.floor(ms / PERIOD_MS);

/** How long until the next step starts. */
export const msToNextStep = (ms: number = Date.now()) => PERIOD_MS - (ms % PERIOD_MS);

function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** A six-digit string that is none of the codes the server would accept now (one step either side). */
export function wrongCode(secret: string, step = stepAt()): string {
  const valid = new Set([step - 1, step, step + 1].map((s) => totpAt(secret, s)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}
