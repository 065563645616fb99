// The writer's ceiling: the most refresh-token rotations per second the database takes, the
// write alone, driven in this process without HTTP through the store the refresh route uses
// (lib/db/login-store.ts: the conditional UPDATE, SQLite's group commit, SYNCHRONOUS as the
// server sets it, FULL by default). Each caller rotates its own login in a closed loop, as
// fast as the store answers; with enough callers a SQLite group fills up with one turn's writes.
// Run by scripts/bench/writer.mjs on a migrated scratch database (DATABASE_URL), in one or
// several processes at once (WRITER_START_AT, epoch ms, lines their measurements up); prints
// one JSON line per measurement on stdout.
//
// WRITER_CALLERS (comma-separated caller counts, "1,16,256"), WRITER_SECONDS (2), WRITER_ROUNDS (3);
// WRITER_PROCESSES (1), how many writers run at once: on PostgreSQL each keeps the share of
// connections a process of a server with that many processes keeps.
import { createHash, randomBytes } from "node:crypto";
import { openDatabase } from "../../lib/db/client";
import { connectionsPerProcess } from "../../lib/db/engine/postgres";
import { prismaLoginStore } from "../../lib/db/login-store";

const HOUR_MS = 3_600_000;
const settingList = (name: string, fallback: number[]) => (process.env[name] ? process.env[name]!.split(",").map(Number) : fallback);
const CALLERS = settingList("WRITER_CALLERS", [1, 16, 256]).filter((n) => Number.isInteger(n) && n > 0);
const SECONDS = Number(process.env.WRITER_SECONDS || 2);
const ROUNDS = Math.max(1, Math.round(Number(process.env.WRITER_ROUNDS || 3)));

const hash = (token: string) => createHash("sha256").update(token).digest("base64url");

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const synchronous = process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL";
  const processes = Number(process.env.WRITER_PROCESSES || 1);
  const database = openDatabase(url, { sqliteSynchronous: synchronous, processes });
  const pool = database.file ? null : connectionsPerProcess(processes);
  const store = prismaLoginStore(database);
  try {
    const user = await database.db.user.create({
      data: { username: `writer-${randomBytes(4).toString("hex")}`, fullName: "Writer ceiling", email: "writer@example.com", passwordHash: "", role: "user" },
      select: { id: true },
    });
    const now = Date.now();
    const logins = Array.from({ length: Math.max(...CALLERS) }, () => ({ id: randomBytes(16).toString("base64url"), generation: 0 }));
    await database.db.login.createMany({
      data: logins.map(({ id }) => ({
        id,
        userId: user.id,
        tokenHash: hash(id),
        lastUsedAt: new Date(now),
        expiresAt: new Date(now + 7 * 24 * HOUR_MS),
        absoluteExpiresAt: new Date(now + 30 * 24 * HOUR_MS),
        authTime: new Date(now),
      })),
    });

    // Warm the statement cache and the connections first.
    await rotations(logins.slice(0, Math.max(...CALLERS)), 0.5);
    const startAt = Number(process.env.WRITER_START_AT || 0);
    if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
    for (let round = 0; round < ROUNDS; round++) {
      for (const callers of round % 2 ? [...CALLERS].reverse() : CALLERS) {
        const cpu0 = process.cpuUsage();
        const result = await rotations(logins.slice(0, callers), SECONDS);
        const cpu = process.cpuUsage(cpu0);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        console.log(JSON.stringify({ round, callers, ...result, cpuMsPerRotation: result.rotations ? cpuMs / result.rotations : null, synchronous, pool }));
      }
    }
  } finally {
    await database.db.$disconnect();
  }

  async function rotations(callers: { id: string; generation: number }[], seconds: number) {
    let done = 0;
    let refused = 0;
    const latencies: number[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      callers.map(async (login) => {
        while (performance.now() < until) {
          const at = performance.now();
          const token = randomBytes(32).toString("base64url");
          const rotated = await store.rotate(login.id, login.generation, { tokenHash: hash(token), expiresAt: new Date(Date.now() + 7 * 24 * HOUR_MS), userAgent: "bench", ip: "127.0.0.1" }, new Date());
          latencies.push(performance.now() - at);
          if (!rotated) {
            refused++;
            continue;
          }
          login.generation++;
          done++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
    return { rotations: done, refused, perSecond: done / elapsed, p50: at(50), p99: at(99) };
  }
}

main().catch((error: unknown) => {
  console.error("writer ceiling failed:", error instanceof Error ? error.stack : error);
  process.exit(1);
});
