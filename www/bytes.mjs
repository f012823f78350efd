// Where the bytes of dist/navigator.html go: each piece of the single file with its cost
// in the file's gzip size, and inside the WebAssembly, its sections, with the content (the
// packed strings and shape, `engine::pack`) told apart in the data. A report, not a test:
// `node www/bytes.mjs` after a build (npm run build).
//
// The WebAssembly travels as LZMA in a base64 data block, which gzip takes back to about
// the LZMA size, so its pieces are given as LZMA sizes (compressed as www/build.mjs does, each piece
// compressed alone: the pieces add up to a little more than the whole).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { lzma as packed } from './lzma.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] || join(root, 'dist', 'navigator.html');
const wasmPath = join(root, 'target', 'wasm-bindgen', 'navigator_bg.wasm');
for (const p of [file, wasmPath]) {
  if (!existsSync(p)) {
    console.error(`bytes: ${p} is missing; run npm run build first`);
    process.exit(1);
  }
}
const html = readFileSync(file, 'utf8');
const wasm = readFileSync(wasmPath);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (s) => gzipSync(Buffer.from(s), { level: 9 }).length;
const lzma = (buf) => packed(buf).length;

// --- The file's pieces -----------------------------------------------------------------
// In the file's order, each piece's cost is what it adds to the gzip size of the file up to
// it, so the costs add up to the whole. gzip finds repeats within 32 KB, so a piece that
// repeats an earlier one (the data block's copy of the style sheet, the module's copy of
// the guard) costs less than it would alone.
const spans = [];
const find = (name, re, group = 0) => {
  for (const m of html.matchAll(re)) {
    const start = m.index + (group ? m[0].indexOf(m[group]) : 0);
    spans.push({ name, start, end: start + m[group].length });
  }
};
find('the WebAssembly (LZMA, base64) in the data block', /id="dsn-wasm"><!--\n([^\n]*)/g, 1);
find('the style sheet in the data block (for the app)', /id="dsn-wasm"><!--\n[^\n]*\n([\s\S]*?)--><\/template>/g, 1);
find('the style sheets (page; Navigator, in the shadow root)', /<style>[\s\S]*?<\/style>/g);
find('the prerendered start page', /<div class="dsn-app">[\s\S]*?<\/template>/g);
find('the classic guard script', /<script>[\s\S]*?<\/script>/g);
find('the module script (loader, glue, LZMA decoder; minified)', /<script type="module">[\s\S]*?<\/script>/g);
spans.sort((a, b) => a.start - b.start);
const total = gz(html);
const cost = new Map();
let at = 0;
let before = 0;
const add = (name, upTo) => {
  const size = gz(html.slice(0, upTo));
  cost.set(name, (cost.get(name) ?? 0) + size - before);
  before = size;
  at = upTo;
};
const REST = 'the rest (head, loading block, markup, gzip\'s own)';
for (const s of spans) {
  if (s.start > at) add(REST, s.start);
  add(s.name, s.end);
}
add(REST, html.length);
cost.set(REST, cost.get(REST) + total - before);
console.log(`\n${file.startsWith(root) ? file.slice(root.length + 1) : file}: ${kb(html.length)} raw, ${kb(total)} gzip -9\n`);
console.log('  piece, what it adds to the gzip in the file\'s order');
for (const [name, c] of cost) console.log(`  ${name.padEnd(58)} ${kb(c).padStart(9)}`);

// --- Inside the WebAssembly ----------------------------------------------------------
let p = 8;
const leb = () => {
  let r = 0, s = 0, x;
  do { x = wasm[p++]; r += (x & 127) * 2 ** s; s += 7; } while (x & 128);
  return r;
};
const sections = {};
const NAMES = { 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'data count' };
while (p < wasm.length) {
  const id = wasm[p++];
  const n = leb();
  const name = NAMES[id] ?? 'custom';
  sections[name] = Buffer.concat([sections[name] ?? Buffer.alloc(0), wasm.subarray(p, p + n)]);
  p += n;
}
// The content, found in the data section by its bytes.
const out = readdirSync(join(root, 'target', 'wasm32-unknown-unknown', 'release', 'build'))
  .filter((d) => d.startsWith('data-sharing-navigator-'))
  .map((d) => join(root, 'target', 'wasm32-unknown-unknown', 'release', 'build', d, 'out'))
  .filter((d) => existsSync(join(d, 'content.strings')));
let data = sections.data ?? Buffer.alloc(0);
const inData = [];
const missing = []; // not found whole: wasm-opt splits a segment at long runs of zeros
const blobs = [['  the content: strings (engine::pack)', 'content.strings'], ['  the content: shape (engine::pack)', 'content.shape']];
for (const [name, f] of blobs) {
  const blob = out.map((d) => readFileSync(join(d, f))).find((b) => data.indexOf(b) >= 0);
  if (!blob) {
    missing.push(f);
    continue;
  }
  const i = data.indexOf(blob);
  data = Buffer.concat([data.subarray(0, i), data.subarray(i + blob.length)]);
  inData.push([name, blob]);
}
inData.push([`  other (words, tables${missing.length ? `, ${missing.join(", ")}` : ""})`, data]);
console.log(`\n  the WebAssembly: ${kb(wasm.length)} raw, ${kb(lzma(wasm))} LZMA`);
console.log('  part                                                raw      LZMA alone');
const line = (name, buf) => console.log(`  ${name.padEnd(48)} ${kb(buf.length).padStart(9)} ${kb(lzma(buf)).padStart(9)}`);
line('code section', sections.code);
line('data section', sections.data ?? Buffer.alloc(0));
for (const [name, buf] of inData) line(name, buf);
const other = Object.entries(sections).filter(([k]) => k !== 'code' && k !== 'data').map(([, b]) => b);
line('the other sections (imports, exports, tables…)', Buffer.concat(other));
console.log('\nFor the code by function and crate: twiggy top on target/wasm32-unknown-unknown/release/navigator.wasm (names kept).');
