"use strict";
// Plain CommonJS, loaded by absolute path and never bundled, so the same file runs under
// next start, next dev, Vitest and tsx. bcrypt runs synchronously here: this thread exists
// to be blocked so the server's main thread is not.
/* eslint-disable @typescript-eslint/no-require-imports -- this file is CommonJS on purpose (see above) */
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");

function run(request) {
  if (request.op === "hash") return bcrypt.hashSync(request.secret, request.cost);
  if (request.op === "compare") return bcrypt.compareSync(request.secret, request.hash);
  throw new Error(`Unknown password job: ${String(request.op)}`);
}

parentPort.on("message", (request) => {
  try {
    parentPort.postMessage({ ok: true, value: run(request) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
