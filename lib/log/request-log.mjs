// One log line per request, written when the connection is done with the response. The line
// carries what an operator needs to find a request (id, method, path, status, time, address)
// and nothing a request can carry in secret: no query string (it holds search terms), no
// headers (cookies, Authorization), no body.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
const MAX_PATH_LENGTH = 2048;

/** The pathname of a request target, without the query and without any user:password@ of an absolute URL. */
export function pathOf(target = "") {
  let path;
  if (target.startsWith("/")) {
    // Kept raw rather than normalised, so a probe like /a/../../etc still shows as sent.
    path = target.split(/[?#]/, 1)[0];
  } else {
    try {
      path = new URL(target).pathname;
    } catch {
      path = target === "*" ? "*" : "-";
    }
  }
  return path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}...` : path;
}

/**
 * Gives the request a fresh id (on the response as X-Request-Id, and on the request as
 * x-request-id for the app, replacing any id the client sent so ids in the log stay
 * unique and unforgeable), and logs the request once its connection is done with it.
 * Returns the id.
 */
export function logRequest(logger, req, res, ip) {
  const reqId = randomUUID();
  const started = process.hrtime.bigint();
  req.headers[REQUEST_ID_HEADER] = reqId;
  res.setHeader("X-Request-Id", reqId);

  // "close" comes after "finish" for a delivered response and alone for one the client gave
  // up on, so every request gets exactly one line.
  res.once("close", () => {
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    const line = { reqId, method: req.method, path: pathOf(req.url), status: res.statusCode, ms, ip };
    if (!res.writableFinished) {
      // A client hanging up (or a shutdown cutting it off) is routine, not a server fault.
      logger.info({ ...line, status: res.headersSent ? res.statusCode : null, aborted: true }, "request aborted");
    } else if (res.statusCode >= 500 && res.statusCode !== 503) {
      logger.error(line, "request failed");
    } else if (res.statusCode === 503) {
      // Unavailable on purpose (busy, database down): the cause is logged once where it is known.
      logger.warn(line, "request refused: unavailable");
    } else {
      logger.info(line, "request");
    }
  });
  return reqId;
}
