import type { PasskeyRow } from "../../../contracts/passkeys";
import type { PasskeyRecord } from "./storage";

/** A passkey as its owner sees it; never the key or the credential id. */
export const toPasskeyRow = (passkey: PasskeyRecord): PasskeyRow => ({
  id: passkey.id,
  name: passkey.name,
  createdAt: passkey.createdAt.toISOString(),
  lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  deviceType: passkey.deviceType,
  backedUp: passkey.backedUp,
  transports: passkey.transports,
});
