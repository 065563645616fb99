import { createHmac } from "node:crypto";

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the X-Gatehouse-Signature header's value. */
export const signatureOf = (body: string, secret: string): string => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
