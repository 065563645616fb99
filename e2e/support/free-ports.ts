import { spawnSync } from "node:child_process";

/** How many consecutive ports a run uses: the suite's server, then specs' own at +1 … +11. */
export const PORT_BLOCK = 12;
export const PREFERRED_FIRST_PORT = 3107;

// Run in a child so the choice is made synchronously, while the config is read.
const PROBE = `
const net = require("node:net");
const [first, size, tries] = process.argv.slice(1).map(Number);
const free = (port) => new Promise((resolve) => {
  const server = net.createServer().once("error", () => resolve(false));
  server.listen(port, () => server.close(() => resolve(true)));
});
(async () => {
  for (let start = first, i = 0; i < tries; i++, start += size) {
    const answers = await Promise.all(Array.from({ length: size }, (_, k) => free(start + k)));
    if (answers.every(Boolean)) return console.log(start);
  }
  console.log(first);
})();
`;

/**
 * The first port of a block of PORT_BLOCK free ports: 3107–3118 when they are free, else the
 * next free block above them (a developer's other servers, a second run). E2E_PORT names it
 * outright. The choice is put back into E2E_PORT, so the test workers and servers this
 * process starts use the same block.
 */
export function chooseFirstPort(): number {
  const named = Number(process.env.E2E_PORT);
  if (Number.isInteger(named) && named > 0) return named;
  const probe = spawnSync(process.execPath, ["-e", PROBE, String(PREFERRED_FIRST_PORT), String(PORT_BLOCK), "50"], { encoding: "utf8" });
  const chosen = Number(probe.stdout.trim()) || PREFERRED_FIRST_PORT;
  process.env.E2E_PORT = String(chosen);
  return chosen;
}
