// A passkey in software for the bench (the integration tests' tests/helpers/software-
// authenticator.ts does the same in TypeScript, which this plain-Node runner cannot import):
// an ES256 key on P-256, its COSE public key for the seed to store as a registered passkey,
// and assertions as a platform authenticator makes them (UP|UV|BE|BS, a rising counter,
// `webauthn.get` client data), so the server's real verification runs on them; and the codes
// an authenticator app shows for a TOTP secret.
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";

const sha256 = (data) => createHash("sha256").update(data).digest();
const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const FLAGS = 0x01 | 0x04 | 0x08 | 0x10;

function head(major, length) {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
}
/** CBOR for the COSE key: a map of small integer keys to integers and byte strings. */
function cbor(value) {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

export class BenchPasskey {
  constructor(origin) {
    this.origin = origin;
    this.rpId = new URL(origin).hostname;
    this.key = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.credentialId = b64url(randomBytes(16));
    this.counter = 0;
  }

  /** The COSE_Key the server stores at registration (base64url). */
  cosePublicKey() {
    const { x, y } = this.key.publicKey.export({ format: "jwk" });
    return b64url(cbor(new Map([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(x, "base64url")], [-3, Buffer.from(y, "base64url")]])));
  }

  /** The PublicKeyCredential JSON of `navigator.credentials.get()` over `challenge`. */
  assert(challenge) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(++this.counter);
    const authData = Buffer.concat([sha256(this.rpId), Buffer.from([FLAGS]), count]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: this.origin, crossOrigin: false }));
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.key.privateKey);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature) },
    };
  }
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret for time step `step`. */
export function totpCode(secret, step) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
