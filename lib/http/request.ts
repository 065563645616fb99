import { errors } from "../errors/catalog";

export const MAX_BODY_BYTES = 64 * 1024;

/** The body as text, refusing anything larger than the limit before reading it all. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw errors.payloadTooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body: routine, answered (to nobody) without a server error.
      throw errors.requestAborted();
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw errors.payloadTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** A JSON body; wrong content type is 415, broken JSON is 422. */
export async function readJson(request: Request): Promise<unknown> {
  if (mediaType(request) !== "application/json") throw errors.unsupportedMediaType("Send application/json.");
  const text = await readBodyText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw errors.validation("The body is not valid JSON.");
  }
}

/** A JSON body that may be left out: none at all (or an empty one) is undefined; anything else as readJson. */
export async function readOptionalJson(request: Request): Promise<unknown> {
  if (mediaType(request) === "" && !request.body) return undefined;
  if (mediaType(request) !== "application/json") throw errors.unsupportedMediaType("Send application/json, or no body.");
  const text = await readBodyText(request);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw errors.validation("The body is not valid JSON.");
  }
}

/** Form fields or a JSON object, as OAuth2's password grant allows both here. */
export async function readFormOrJson(request: Request): Promise<Record<string, unknown>> {
  const type = mediaType(request);
  if (type === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(await readBodyText(request));
    return Object.fromEntries(form.entries());
  }
  if (type === "application/json") {
    const body = await readJson(request);
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw errors.validation("Send a JSON object.");
    return body as Record<string, unknown>;
  }
  throw errors.unsupportedMediaType("Send application/x-www-form-urlencoded or application/json.");
}

const serverMarker = globalThis as { __gatehouseClientIpHeader?: string };

/**
 * The caller's address as server.mjs recorded it from the socket. Under any other server
 * (plain `next start`, tests) no header can be trusted, so the address is unknown.
 */
export function clientInfo(request: Request): { userAgent: string | null; ip: string | null } {
  const header = serverMarker.__gatehouseClientIpHeader;
  const ip = header ? request.headers.get(header) : null;
  return { userAgent: request.headers.get("user-agent"), ip: ip ? ip.slice(0, 64) : null };
}
