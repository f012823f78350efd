// Where the bytes of dist/navigator.html go: each piece of the single file with its share
// of the file's gzip size, and inside the WebAssembly, its sections, with the content (the
// packed strings and shape, `engine::pack`) and the app's style sheet told apart in the
// data. A report, not a test: `node www/bytes.mjs` after a build (npm run build).
//
// The WebAssembly travels as LZMA in a base64 data block, which gzip takes back to about
// the LZMA size, so its pieces are given as LZMA sizes (compressed as www/build.mjs does, each piece
// compressed alone: the pieces add up to a little more than the whole). The rest of the
// file is given as gzip -9 sizes, each piece alone.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';

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
const lzma = (buf) => {
  const r = spawnSync('xz', ['--format=lzma', '--lzma1=preset=9e,lc=4,lp=0,pb=0', '--stdout'], { input: buf, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error('xz failed');
  return r.stdout.length;
};

// --- The file's pieces ---------------------------------------------------------------
const take = (re) => [...html.matchAll(re)].map((m) => m[0]);
const pieces = [
  ['WebAssembly data block (base64 of LZMA)', take(/<script type="application\/octet-stream"[^>]*>[\s\S]*?<\/script>/g)],
  ['module script (loader, glue, LZMA decoder; minified)', take(/<script type="module">[\s\S]*?<\/script>/g)],
  ['classic guard script', take(/<script>[\s\S]*?<\/script>/g)],
  ['style sheets (page, Navigator, loading)', take(/<style>[\s\S]*?<\/style>/g)],
];
let rest = html;
for (const [, parts] of pieces) for (const p of parts) rest = rest.replace(p, '');
pieces.push(['the rest (prerendered start page, loading block, head)', [rest]]);
const total = gz(html);
console.log(`\n${file.startsWith(root) ? file.slice(root.length + 1) : file}: ${kb(html.length)} raw, ${kb(total)} gzip -9\n`);
console.log('  piece                                                     gzip -9 alone');
for (const [name, parts] of pieces) console.log(`  ${name.padEnd(56)} ${kb(gz(parts.join('\n'))).padStart(9)}`);

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
// The content and the style sheet, found in the data section by their bytes.
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
const css = readFileSync(join(root, 'www', 'navigator.css'));
if (data.indexOf(css) >= 0) {
  const i = data.indexOf(css);
  data = Buffer.concat([data.subarray(0, i), data.subarray(i + css.length)]);
  inData.push(['  the Navigator style sheet (ui::CSS)', css]);
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
