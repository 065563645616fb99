// Writes data/common-passwords.json: the 10,000 most common passwords, most common first,
// taken from the ranked dictionary in @zxcvbn-ts/language-common (MIT).
//
//   node scripts/extract-common-passwords.mjs [path/to/zxcvbn-ts-language-common-X.Y.Z.tgz]
//
// Without an argument it runs `npm pack` for the pinned version in a temporary directory,
// so the package is read as data and never becomes a dependency.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

const PACKAGE = "@zxcvbn-ts/language-common@4.1.3";
const MEMBER = "package/src/passwords.json";
const COUNT = 10_000;
const OUTPUT = path.join(process.cwd(), "data/common-passwords.json");

function packTarball() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "common-passwords-"));
  const name = execFileSync("npm", ["pack", PACKAGE, "--silent", "--pack-destination", dir], {
    encoding: "utf8",
  }).trim();
  return { file: path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function field(header, start, length) {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString("utf8");
}

// npm tarballs are plain ustar; reading one member needs no dependency.
function readTarMember(tgz, wanted) {
  const tar = gunzipSync(tgz);
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    const name = field(header, 0, 100);
    if (name === "") break;
    const prefix = field(header, 345, 155);
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const fullName = prefix ? `${prefix}/${name}` : name;
    const body = offset + 512;
    if (fullName === wanted) return tar.subarray(body, body + size);
    offset = body + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not found in the tarball`);
}

function extract(tarballPath) {
  const ranked = JSON.parse(readTarMember(readFileSync(tarballPath), MEMBER).toString("utf8"));
  if (!Array.isArray(ranked) || ranked.length < COUNT) {
    throw new Error(`${MEMBER} is not a ranked list of at least ${COUNT} entries`);
  }
  const top = ranked.slice(0, COUNT);
  const bad = top.find((entry) => typeof entry !== "string" || entry === "" || /[\r\n]/.test(entry));
  if (bad !== undefined) throw new Error(`unusable entry: ${JSON.stringify(bad)}`);
  if (new Set(top.map((entry) => entry.toLowerCase())).size !== COUNT) {
    throw new Error("the first entries are not distinct case-insensitively");
  }
  return top;
}

const argument = process.argv[2];
const tarball = argument ? { file: path.resolve(argument), cleanup: () => {} } : packTarball();
try {
  const top = extract(tarball.file);
  // One entry a line, so a change of list reads as a diff.
  writeFileSync(OUTPUT, `[\n${top.map((entry) => JSON.stringify(entry)).join(",\n")}\n]\n`);
  console.log(`wrote ${top.length} passwords to ${path.relative(process.cwd(), OUTPUT)}`);
} finally {
  tarball.cleanup();
}
