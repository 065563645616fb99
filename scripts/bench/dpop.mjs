// Device-bound refreshes for the bench (RFC 9449 DPoP): each client signs in
// with a proof from its own P-256 key, which binds its login, and every refresh then carries
// a fresh proof (its own jti, iat now). Proofs are signed before the phase, a batch per
// connection, so the load generator's signing neither competes with the server for the CPU
// during the load nor counts in its figures; one that runs out signs the rest on the fly.
import { randomUUID, webcrypto } from "node:crypto";
import { calculateJwkThumbprint, SignJWT } from "jose";
import { takeSession } from "./load.mjs";

export async function deviceKey() {
  const pair = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey("jwk", pair.publicKey);
  const jwk = { kty, crv, x, y };
  return {
    jkt: await calculateJwkThumbprint(jwk, "sha256"),
    proof: (url, method = "POST") =>
      new SignJWT({ htm: method, htu: url, iat: Math.floor(Date.now() / 1000), jti: randomUUID() }).setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk }).sign(pair.privateKey),
  };
}

/** A client whose login is bound to its own key: signs in with a proof. */
export async function boundLogin(conn, client) {
  client.key ??= await deviceKey();
  const response = await conn.request({
    method: "POST",
    path: "/api/auth/token",
    headers: { "content-type": "application/json", origin: conn.origin, DPoP: await client.key.proof(`${conn.origin}/api/auth/token`) },
    body: JSON.stringify({ username: client.username, password: client.password }),
    timeoutMs: 60_000,
  });
  if (response.status !== 200) throw new Error(`bound sign-in of ${client.username} answered ${response.status}: ${response.body.slice(0, 200)}`);
  const bound = JSON.parse(response.body).dpop_jkt;
  if (bound !== client.key.jkt) throw new Error(`the sign-in of ${client.username} was not bound to its key (dpop_jkt ${bound})`);
  takeSession(client, response);
}

/** `count` proofs for the refresh endpoint, signed now (iat stays inside the server's 60 s window for the phase). */
export async function presign(client, origin, count) {
  client.proofs = [];
  for (let i = 0; i < count; i++) client.proofs.push(await client.key.proof(`${origin}/api/auth/refresh-token`));
  client.signedLate = 0;
}

/** One rotation of a bound login's chain with the next pre-signed proof. */
export async function boundRefresh(conn, client) {
  let proof = client.proofs.pop();
  if (!proof) {
    client.signedLate++;
    proof = await client.key.proof(`${conn.origin}/api/auth/refresh-token`);
  }
  const response = await conn.request({ method: "POST", path: "/api/auth/refresh-token", headers: { origin: conn.origin, cookie: client.cookie, DPoP: proof }, timeoutMs: 15_000 });
  if (response.status === 200) takeSession(client, response);
  return response;
}

