// The settings of `npm run bench`, read once from the environment (see scripts/bench.mjs).
import os from "node:os";

function number(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} must be a number ≥ ${min}; got "${raw}"`);
    process.exit(2);
  }
  return value;
}

export const PORT = number("BENCH_PORT", 3311);
export const SECONDS = number("BENCH_SECONDS", 5, 0.5);
export const ROUNDS = Math.round(number("BENCH_ROUNDS", 3));
export const CONNECTIONS = Math.round(number("BENCH_CONNECTIONS", 20));
export const LOGIN_CONNECTIONS = Math.round(number("BENCH_LOGIN_CONNECTIONS", 8));
export const FLOOD = Math.round(number("BENCH_FLOOD", 8));
export const STORM_CLIENTS = Math.round(number("BENCH_STORM_CLIENTS", 4));
export const PROCESSES = Math.round(number("BENCH_PROCESSES", Math.max(2, os.availableParallelism()), 2));
export const MEMORY_SECONDS = number("BENCH_MEMORY_SECONDS", 60, 2);
// A fresh process grows its heap and compiled code over its first ten thousand or so refreshes
// (measured: 355 MiB after 6,000, 452 after 14,000, then 448-476 MiB up to 180,000), and a
// slower machine takes longer to serve them: the memory window starts after this many
// refreshes of warm-up on the fresh process, at the earliest after 10 s, at the latest after 120.
export const MEMORY_WARMUP_REFRESHES = Math.round(number("BENCH_MEMORY_WARMUP_REFRESHES", 20_000, 0));
export const MEMORY_WARMUP_SECONDS = { least: 10, most: 120 };
export const WARMUP_SECONDS = number("BENCH_WARMUP_SECONDS", 1, 0);
export const TOKEN_REFRESH_AFTER_MS = 120_000; // access tokens live 300 s by default
