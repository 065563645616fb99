// The newer sign-in flows under load: TOTP (password step, then the code), a passkey sign-in
// (options, then the assertion) and re-authentication with the password. Each flow's users
// are its own, seeded by seed.ts from what `flowUsers` makes here, so no flow changes what
// another measures (a passkey or TOTP would make the paths' logins two-step).
import { randomBytes } from "node:crypto";
import { BenchPasskey, totpCode } from "./authenticator.mjs";
import { cpuSpent } from "./cpu.mjs";
import { Connection, percentile, refresh } from "./load.mjs";

const json = (conn, path, body, headers = {}) =>
  conn.request({ method: "POST", path, headers: { "content-type": "application/json", origin: conn.origin, ...headers }, body: JSON.stringify(body), timeoutMs: 60_000 });

const base32 = (bytes) => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const byte of bytes) bits += byte.toString(2).padStart(8, "0");
  return bits.match(/.{1,5}/g).map((b) => alphabet[parseInt(b.padEnd(5, "0"), 2)]).join("");
};

/** The flows' users and what the seed needs to know of them (env for migrateAndSeed). */
export function flowUsers({ origin, totpUsers, passkeyUsers }) {
  const totp = Array.from({ length: totpUsers }, (_, i) => ({ username: `benchtotp${String(i + 1).padStart(3, "0")}`, secret: base32(randomBytes(20)) }));
  const passkeys = Array.from({ length: passkeyUsers }, (_, i) => ({ username: `benchkey${String(i + 1).padStart(3, "0")}`, passkey: new BenchPasskey(origin) }));
  return {
    totp,
    passkeys,
    seedEnv: {
      BENCH_TOTP_USERS: JSON.stringify(totp),
      BENCH_PASSKEYS: JSON.stringify(passkeys.map(({ username, passkey }) => ({ username, credentialId: passkey.credentialId, publicKey: passkey.cosePublicKey() }))),
    },
  };
}

/**
 * A fixed set of requests, `perWorker` after one another on each worker's connection, with the
 * server's (and database's) CPU around them: for steps each user can take only so often.
 */
async function burst(server, databaseCpu, workers, perWorker, step) {
  const latencies = [];
  const statuses = {};
  const db0 = databaseCpu ? await databaseCpu.take() : null;
  const cpu0 = server.cpuSnapshot();
  const started = performance.now();
  await Promise.all(
    workers.map(async (worker) => {
      for (let i = 0; i < perWorker; i++) {
        const response = await step(worker, i);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status < 300 || response.status === 403) latencies.push(response.ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu1 = server.cpuSnapshot();
  const db1 = databaseCpu ? await databaseCpu.take() : null;
  const count = workers.length * perWorker;
  latencies.sort((a, b) => a - b);
  return {
    statuses,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMs: cpuSpent(cpu0, cpu1) / count,
    dbCpuMs: db0 && db1 ? cpuSpent(db0, db1) / count : NaN,
  };
}

/**
 * TOTP sign-ins of `users` (fresh ones each round: a code's step is spent once per user): two
 * password steps each, answered 403 with an mfa_token, then both second steps with the codes
 * of this step and the next (both inside the server's window whenever they land), timed apart.
 */
export async function totpRound({ server, databaseCpu, users, password, perUser = 2 }) {
  const conns = users.map(() => new Connection(server.origin));
  try {
    const workers = users.map((user, i) => ({ user, conn: conns[i], tokens: [] }));
    const passwordStep = await burst(server, databaseCpu, workers, perUser, async (w) => {
      const response = await json(w.conn, "/api/auth/token", { username: w.user.username, password });
      if (response.status === 403) w.tokens.push(JSON.parse(response.body).mfa_token);
      return response;
    });
    const step = Math.floor(Date.now() / 30_000);
    const secondStep = await burst(server, databaseCpu, workers, perUser, (w, i) =>
      w.tokens[i] ? json(w.conn, "/api/auth/token", { grant_type: "mfa_otp", mfa_token: w.tokens[i], otp: totpCode(w.user.secret, step + i) }) : Promise.resolve({ status: "no mfa_token", ms: NaN }),
    );
    return { passwordStep, secondStep };
  } finally {
    for (const conn of conns) conn.close();
  }
}

/** Passkey sign-ins in a closed loop: options then the assertion; or, with `optionsOnly`, the options alone. */
export async function passkeyPhase({ server, passkeys, load, optionsOnly }) {
  const conns = passkeys.map(() => new Connection(server.origin));
  try {
    return await load(
      passkeys.map((user, i) => ({ user, conn: conns[i] })),
      async ({ user, conn }) => {
        const options = await json(conn, "/api/auth/passkey/options", { purpose: "sign_in" });
        if (optionsOnly || options.status !== 200) return options;
        const { challenge_id, options: publicKey } = JSON.parse(options.body);
        const answer = await json(conn, "/api/auth/token", { grant_type: "passkey", challenge_id, credential: user.passkey.assert(publicKey.challenge) });
        return { ...answer, ms: answer.ms + options.ms };
      },
    );
  } finally {
    for (const conn of conns) conn.close();
  }
}

/** Re-authentication with the password in a closed loop, each connection its own signed-in user. */
export async function reauthPhase({ server, users, load }) {
  const conns = users.map(() => new Connection(server.origin));
  try {
    for (const [i, user] of users.entries()) {
      const response = await refresh(conns[i], user);
      if (response.status !== 200) throw new Error(`refreshing ${user.username} before re-authentication answered ${response.status}`);
    }
    return await load(
      users.map((user, i) => ({ user, conn: conns[i] })),
      async ({ user, conn }) => {
        const response = await json(conn, "/api/auth/reauthenticate", { password: user.password }, { authorization: `Bearer ${user.token}` });
        if (response.status === 200) user.token = JSON.parse(response.body).access_token ?? user.token;
        return response;
      },
    );
  } finally {
    for (const conn of conns) conn.close();
  }
}
