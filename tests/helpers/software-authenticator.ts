import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";

/**
 * A WebAuthn authenticator in software, for the integration tests: it makes the same bytes a
 * platform authenticator would (an ES256 key on P-256, authenticator data with the RP ID's
 * hash, the UP/UV/BE/BS flags and a signature counter, attested credential data with a COSE
 * key, `fmt: "none"` attestation), so the server's real verification runs on them. Each
 * instance holds one discoverable credential once `register` has made it.
 */

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const long = Buffer.alloc(5);
  long[0] = (major << 5) | 26;
  long.writeUInt32BE(length, 1);
  return long;
}

/** Canonical CBOR (RFC 8949 §4.2.1) for the few types WebAuthn's structures use. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries: [Cbor, Cbor][] = value instanceof Map ? [...value] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

export interface CeremonyOptions {
  /** What the options said: their challenge, and the RP ID when they name one. */
  challenge: string;
  rp?: { id?: string };
  rpId?: string;
  user?: { id: string };
}

export interface Overrides {
  /** The page's origin as the browser reports it in clientDataJSON. */
  origin?: string;
  /** The RP ID whose hash goes into the authenticator data. */
  rpId?: string;
  /** The signature counter to report (default: one more than last time). */
  counter?: number;
  /** Authenticator data flags (default UP|UV|BE|BS, plus AT on registration). */
  flags?: number;
  /** The challenge to sign instead of the options' one. */
  challenge?: string;
}

export class SoftwareAuthenticator {
  readonly aaguid = Buffer.alloc(16);
  private key: { privateKey: KeyObject; publicKey: KeyObject } | null = null;
  private userHandle: string | undefined;
  credentialId = "";
  counter = 0;

  constructor(
    readonly origin: string,
    readonly rpId = new URL(origin).hostname,
  ) {}

  private cosePublicKey(): Buffer {
    const jwk = this.key!.publicKey.export({ format: "jwk" });
    return cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")]]));
  }

  private authenticatorData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** The PublicKeyCredential JSON around a ceremony's response, as a browser's toJSON() gives it. */
  private credential<Response>(response: Response) {
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key" as const,
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      response,
    };
  }

  /** `navigator.credentials.create()`: a new key pair and the RegistrationResponseJSON the browser would send. */
  register(options: CeremonyOptions, overrides: Overrides = {}) {
    this.key = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const id = randomBytes(16);
    this.credentialId = b64url(id);
    this.userHandle = options.user?.id;
    this.counter = overrides.counter ?? 0;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([this.aaguid, idLength, id, this.cosePublicKey()]);
    const flags = (overrides.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS) | FLAGS.AT;
    const authData = this.authenticatorData(overrides.rpId ?? options.rp?.id ?? this.rpId, flags, this.counter, attested);
    const clientDataJSON = this.clientData("webauthn.create", overrides.challenge ?? options.challenge, overrides.origin ?? this.origin);
    return this.credential({
      clientDataJSON: b64url(clientDataJSON),
      attestationObject: b64url(cbor({ fmt: "none", attStmt: {}, authData })),
      transports: ["internal", "hybrid"],
    });
  }

  /** `navigator.credentials.get()`: an assertion over the options' challenge, signed with the credential's key. */
  assert(options: CeremonyOptions, overrides: Overrides = {}) {
    if (!this.key) throw new Error("register a credential first");
    this.counter = overrides.counter ?? this.counter + 1;
    const flags = overrides.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS;
    const authData = this.authenticatorData(overrides.rpId ?? options.rpId ?? this.rpId, flags, this.counter);
    const clientDataJSON = this.clientData("webauthn.get", overrides.challenge ?? options.challenge, overrides.origin ?? this.origin);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.key.privateKey);
    return this.credential({
      clientDataJSON: b64url(clientDataJSON),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      ...(this.userHandle && { userHandle: this.userHandle }),
    });
  }
}
