import { generateSecret, generateSync, verifySync } from "otplib";

/**
 * RFC 6238 codes through otplib (maintained, audited noble crypto underneath): SHA-1, six
 * digits, thirty-second steps, as every authenticator app reads an otpauth URI. This file is
 * the factor's only contact with the library.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps of clock skew accepted either side of now. */
export const TOTP_WINDOW = 1;
/** RFC 4226 §4 asks for 128 bits and recommends 160: SHA-1's own length. */
const SECRET_BYTES = 20;

const CODE = new RegExp(`^\\d{${TOTP_DIGITS}}$`);
const epochOf = (at: Date) => Math.floor(at.getTime() / 1000);

/** A new shared secret, base32 as authenticator apps take it. */
export const newTotpSecret = (): string => generateSecret({ length: SECRET_BYTES });

/** The thirty-second step a moment falls in (RFC 6238's T). */
export const timeStep = (at: Date): number => Math.floor(epochOf(at) / TOTP_PERIOD_SECONDS);

/** The code an app shows at `at`. */
export const totpCode = (secret: string, at: Date): string => generateSync({ secret, epoch: epochOf(at), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });

/** The step within the window whose code `code` is, or null; the caller spends it (replay). */
export function matchingStep(secret: string, code: string, at: Date): number | null {
  if (!CODE.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: epochOf(at),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_WINDOW * TOTP_PERIOD_SECONDS,
  });
  // The functional API's result covers HOTP too, whose answers carry no time step.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
