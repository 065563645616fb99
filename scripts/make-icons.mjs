// Draws the Gatehouse icon (a gate between two towers) into app/icon.svg, app/favicon.ico and
// app/apple-icon.png, with no image library: `node scripts/make-icons.mjs` after changing it.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BLUE = [0x15, 0x65, 0xc0];
const WHITE = [0xff, 0xff, 0xff];
// White shapes on a 32-unit grid, then the gate cut back out of them.
const towers = [
  [6, 9, 12, 26],
  [20, 9, 26, 26],
  [12, 13, 20, 26],
  [6, 6, 8, 9],
  [10, 6, 12, 9],
  [20, 6, 22, 9],
  [24, 6, 26, 9],
];
const gate = { x0: 13.5, x1: 18.5, top: 19, bottom: 26 };

function inRoundedSquare(x, y) {
  const r = 6;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inGate(x, y) {
  if (x < gate.x0 || x > gate.x1 || y > gate.bottom) return false;
  const radius = (gate.x1 - gate.x0) / 2;
  if (y >= gate.top) return true;
  return (x - (gate.x0 + radius)) ** 2 + (y - gate.top) ** 2 <= radius * radius;
}
function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  const white = towers.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1) && !inGate(x, y);
  return white ? WHITE : BLUE;
}

/** RGBA pixels, 4×4 samples per pixel for smooth edges. */
function raster(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const c = colourAt(((px + (sx + 0.5) / 4) * 32) / size, ((py + (sy + 0.5) / 4) * 32) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const i = (py * size + px) * 4;
      pixels.set(a ? [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / 16) * 255)] : [0, 0, 0, 0], i);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => (buf.reduce((c, byte) => crcTable[(c ^ byte) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}
function png(size) {
  const pixels = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}
/** An .ico holding PNG images (Windows Vista and every current browser read these). */
function ico(sizes) {
  const images = sizes.map(png);
  const head = Buffer.alloc(6 + 16 * sizes.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(sizes.length, 4);
  let offset = head.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    head.writeUInt8(size % 256, at);
    head.writeUInt8(size % 256, at + 1);
    head.writeUInt16LE(1, at + 4);
    head.writeUInt16LE(32, at + 6);
    head.writeUInt32LE(images[i].length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += images[i].length;
  });
  return Buffer.concat([head, ...images]);
}

const rects = towers.map(([x0, y0, x1, y1]) => `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/>`).join("");
const r = (gate.x1 - gate.x0) / 2;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1565c0"/><g fill="#fff">${rects}</g><path fill="#1565c0" d="M${gate.x0} ${gate.bottom}V${gate.top}a${r} ${r} 0 0 1 ${2 * r} 0V${gate.bottom}z"/></svg>\n`;

writeFileSync("app/icon.svg", svg);
writeFileSync("app/favicon.ico", ico([16, 32, 48]));
writeFileSync("app/apple-icon.png", png(180));
