// The new flows' rows of the table (scripts/bench/flows.mjs measures them), with the split the
// figures call for: what the flow's crypto costs, timed in this process, against the CPU the
// server spent per request.
import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { LOGIN_CONNECTIONS } from "./settings.mjs";
import { cpu, med, perRound, ratio } from "./table.mjs";

/** ms per ECDSA P-256 / SHA-256 verification (what a passkey assertion's check costs), median of 200. */
function ecdsaVerifyMs() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const data = createHash("sha256").update("bench").digest();
  const signature = sign("sha256", data, privateKey);
  const samples = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    verify("sha256", data, publicKey, signature);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[100];
}

export function flowRows(flows, ceilings, workersPerProcess) {
  const cpuOf = (name) => med(flows[name], "cpuMs");
  const passwordStep = cpuOf("totp password step");
  const secondStep = cpuOf("totp second step");
  const options = cpuOf("passkey options");
  const signIn = cpuOf("passkey sign-in");
  const hashMs = med(ceilings, "ms");
  const verifyMs = ecdsaVerifyMs();
  const floorCpu = (floor) => `CPU ${ratio(perRound(flows["passkey sign-in"], floor, (a, b) => a.cpuMs / b.cpuMs))}× floor`;
  return [
    {
      name: `TOTP sign-in, password step (403 + mfa_token): ${LOGIN_CONNECTIONS} users × 2`,
      runs: flows["totp password step"],
      ratio: () => `bcrypt ≈ ${hashMs.toFixed(0)} ms of CPU per step`,
      notes: "p50/p99 include waiting for the password worker",
    },
    {
      name: `TOTP sign-in, second step alone (mfa_otp, code): ${LOGIN_CONNECTIONS} users × 2`,
      runs: flows["totp second step"],
      ratio: () => `second step ${cpu(secondStep)} of ${cpu(passwordStep + secondStep)} ms CPU per sign-in (${((100 * secondStep) / (passwordStep + secondStep)).toFixed(1)} %)`,
      goal: "bounded by bcrypt",
      notes: "the mfa_tokens made just before; one code per user and 30 s step, so a burst, not a closed loop",
    },
    {
      name: `passkey options: POST /api/auth/passkey/options, ${LOGIN_CONNECTIONS} conns`,
      runs: flows["passkey options"],
      ratio: (floor) => `CPU ${ratio(perRound(flows["passkey options"], floor, (a, b) => a.cpuMs / b.cpuMs))}× floor`,
      notes: "a challenge row written, no crypto",
    },
    {
      name: `passkey sign-in: options + assertion (grant_type passkey), ${LOGIN_CONNECTIONS} conns, own user each`,
      runs: flows["passkey sign-in"],
      ratio: (floor) => `${floorCpu(floor)}; the assertion ≈ ${cpu(signIn - options)} ms of it, of which ECDSA P-256 verify ${verifyMs.toFixed(2)} ms (timed here)`,
      goal: "bounded by its crypto",
      notes: "req/s counts sign-ins (two requests each); a new login per sign-in",
    },
    {
      name: `re-authentication: POST /api/auth/reauthenticate (password), ${LOGIN_CONNECTIONS} conns`,
      runs: flows.reauthenticate,
      ratio: () => `reauth/ceiling ${ratio(perRound(flows.reauthenticate, ceilings, (a, c) => a.rps / c.ceiling))}`,
      goal: "≥ 0.8",
      notes: `ceiling as the login row's: ${workersPerProcess} password worker(s)`,
    },
  ];
}
