/** The claims the tests look at; the signature is the server's business. */
export interface AccessClaims {
  sub: string;
  sid: string;
  exp: number;
  role: string;
  username: string;
}

export function decodeClaims(jwt: string): AccessClaims {
  const payload = jwt.split(".")[1];
  if (!payload) throw new Error(`not a JWT: ${jwt.slice(0, 20)}…`);
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as AccessClaims;
}
