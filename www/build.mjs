// Assemble dist/ from the wasm-bindgen output (target/wasm-bindgen/) and the
// top-level index.html template, which contains the markers
//   <!-- dsn:style -->   and   <!-- dsn:script -->
//
// Produces:
//   dist/index.html, dist/style.css, dist/navigator.js, dist/navigator_bg.wasm
//       a hostable build (serve dist/ from any static web server)
//   dist/navigator.html
//       ONE self-contained file: CSS inlined, JS glue inlined, wasm inlined as
//       base64. Works when opened from file:// and makes no network request.
//
// Usage: node www/build.mjs   (run by www/scripts/build.sh after wasm-bindgen + wasm-opt)
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bindgenDir = join(root, 'target', 'wasm-bindgen');
const dist = join(root, 'dist');

function fail(message) {
  console.error(`build.mjs: ERROR: ${message}`);
  process.exit(1);
}

const templatePath = join(root, 'index.html');
const stylePath = join(root, 'www', 'style.css');
const gluePath = join(bindgenDir, 'navigator.js');
const wasmPath = join(bindgenDir, 'navigator_bg.wasm');
for (const p of [templatePath, gluePath, wasmPath]) {
  if (!existsSync(p)) fail(`missing ${relative(root, p)} (run www/scripts/build.sh)`);
}

const template = readFileSync(templatePath, 'utf8');
const css = readFileSync(stylePath, 'utf8');
const glue = readFileSync(gluePath, 'utf8');
const wasm = readFileSync(wasmPath);

const STYLE_MARK = '<!-- dsn:style -->';
const SCRIPT_MARK = '<!-- dsn:script -->';
for (const mark of [STYLE_MARK, SCRIPT_MARK]) {
  const n = template.split(mark).length - 1;
  if (n !== 1) fail(`index.html must contain the marker ${mark} exactly once (found ${n})`);
}

// --- Checks: no external resources -------------------------------------------
// System fonts only, nothing fetched: the stylesheet may not import or reference
// anything except data: URLs.
// www/navigator.css is compiled into the wasm (the app's shadow-root styles).
const appCssPath = join(root, 'www', 'navigator.css');
for (const [name, text] of [
  ['www/style.css', css],
  ['www/navigator.css', existsSync(appCssPath) ? readFileSync(appCssPath, 'utf8') : ''],
]) {
  if (/@import\b/i.test(text)) fail(`${name} uses @import; everything must be self-contained`);
  for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!/^data:/i.test(m[2]) && !m[2].startsWith('#')) fail(`${name} references an external resource: ${m[0]}`);
  }
  if (/@font-face\b/i.test(text)) fail(`${name} declares @font-face; use system fonts only`);
}
// The template itself may not load anything.
if (/<(script|img|iframe|link|source|video|audio|embed|object)\b[^>]*\b(src|href|data)\s*=/i.test(template)) {
  fail('index.html loads an external resource; only the dsn:style/dsn:script markers may add resources');
}
if (existsSync(join(bindgenDir, 'snippets'))) {
  fail('wasm-bindgen produced snippets/ (JS modules from crates); inline them or avoid them so one file suffices');
}
if (/^\s*import\s/m.test(glue)) fail('the wasm-bindgen glue imports another module; cannot inline it');

// --- Loader --------------------------------------------------------------------
// A classic inline script that runs before any module: shows a plain-English
// message instead of a blank page if the browser cannot run the Navigator, if
// start-up fails, or if the WebAssembly code crashes later (a Rust panic aborts
// with a WebAssembly.RuntimeError "unreachable").
const FAIL_START =
  'The Navigator could not start in this browser. It needs a recent version of Edge, Chrome, Firefox or Safari with JavaScript switched on. ' +
  'Your saved answers are kept in this browser; reload the page to try again.';
const FAIL_FILE =
  'This copy of the Navigator (index.html) has to be opened from a web server. ' +
  'To use the Navigator without one, open navigator.html instead: it is a single file that works offline.';
const FAIL_LATER =
  'Sorry, something went wrong and the Navigator stopped working. ' +
  'Your saved answers are kept in this browser; reload the page to try again.';

const guardScript = `<script>
(function () {
  var L = window.__dsnLoader = { started: false, shown: false };
  L.fail = function (started, message) {
    if (L.shown) return;
    L.shown = true;
    var text = message || (started ? ${JSON.stringify(FAIL_LATER)} : ${JSON.stringify(FAIL_START)});
    var show = function () {
      var host = document.getElementById('data-sharing-navigator');
      // Once the app has attached its shadow root, the host's own children (the
      // loading message) are no longer displayed: write into the shadow root.
      var shadow = host && host.shadowRoot;
      var msg = document.getElementById('dsn-loading-message');
      if (msg && !shadow) {
        msg.textContent = text;
        msg.setAttribute('role', 'alert');
        return;
      }
      var box = document.createElement('div');
      box.className = 'dsn-notice dsn-fatal';
      box.setAttribute('role', 'alert');
      box.setAttribute('style', 'margin:1em 0;padding:1em;border:4px solid #d4351c;background:#fff;color:#0b0c0c;font:1.1875rem/1.3 system-ui,sans-serif');
      var p = document.createElement('p');
      p.className = 'dsn-body';
      p.textContent = text;
      box.appendChild(p);
      var parent = shadow || host || document.body;
      parent.insertBefore(box, parent.firstChild);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
  };
  var isWasmCrash = function (err) {
    return typeof WebAssembly === 'object' && !!WebAssembly.RuntimeError && err instanceof WebAssembly.RuntimeError;
  };
  window.addEventListener('error', function (e) {
    if (!e) return;
    if (!L.started || isWasmCrash(e.error)) L.fail(L.started);
  });
  window.addEventListener('unhandledrejection', function (e) {
    if (!L.started || isWasmCrash(e && e.reason)) L.fail(L.started);
  });
  var ok = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function' &&
    typeof Promise === 'function' && typeof TextDecoder === 'function' &&
    'noModule' in document.createElement('script');
  if (!ok) L.fail(false);
})();
</script>`;

// The module part: initialise, then mark as started. `initExpr` is an expression
// that resolves to the wasm-bindgen init function; `arg` its argument.
function startScript(body, failMessage = 'undefined') {
  return `(async () => {
  const L = window.__dsnLoader || { fail() {}, started: false };
  if (L.shown) return;
  const mark = (name) => { try { performance.mark(name); } catch (e) {} };
  mark('dsn:loader');
  try {
${body}
    L.started = true;
    mark('dsn:started');
  } catch (err) {
    console.error('Data Sharing Navigator failed to start:', err);
    L.fail(false, ${failMessage});
  }
})();`;
}

// An empty data: favicon stops browsers asking the server for /favicon.ico.
const NO_FAVICON = '<link rel="icon" href="data:,">';

// --- Hostable build ------------------------------------------------------------
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(gluePath, join(dist, 'navigator.js'));
copyFileSync(wasmPath, join(dist, 'navigator_bg.wasm'));
writeFileSync(join(dist, 'style.css'), css);

const hostScript = `${guardScript}
<script type="module">
${startScript(`    const { default: init } = await import('./navigator.js');
    await init({ module_or_path: new URL('./navigator_bg.wasm', document.baseURI) });`,
  `location.protocol === 'file:' ? ${JSON.stringify(FAIL_FILE)} : undefined`)}
</script>`;
const hostHtml = template
  .replace(STYLE_MARK, () => `${NO_FAVICON}\n<link rel="stylesheet" href="style.css">`)
  .replace(SCRIPT_MARK, () => hostScript);
writeFileSync(join(dist, 'index.html'), hostHtml);

// --- Single self-contained file ------------------------------------------------
// Turn the ES module glue into plain module-scope code: drop `export`, find the
// default export (the async init function) and remove the import.meta.url default
// path so no code path can fetch anything.
let inlineGlue = glue;
let initName = null;
inlineGlue = inlineGlue.replace(/^export\s+default\s+([A-Za-z_$][\w$]*)\s*;?\s*$/m, (_, name) => {
  initName = name;
  return '';
});
inlineGlue = inlineGlue.replace(/^export\s*\{([^}]*)\}\s*;?\s*$/gm, (_, list) => {
  for (const part of list.split(',')) {
    const m = part.trim().match(/^([A-Za-z_$][\w$]*)\s+as\s+default$/);
    if (m) initName = m[1];
  }
  return '';
});
inlineGlue = inlineGlue.replace(/^export\s+(?=(async\s+)?(function|class|const|let|var)\b)/gm, '');
if (!initName) fail('could not find the default export (init function) in the wasm-bindgen glue');
inlineGlue = inlineGlue.replace(
  /new\s+URL\(\s*(['"])[^'"]*\1\s*,\s*import\.meta\.url\s*\)/g,
  '(() => { throw new Error("navigator: no WebAssembly module given"); })()',
);
if (/\bimport\.meta\b/.test(inlineGlue)) fail('the wasm-bindgen glue still uses import.meta after inlining');
if (/^\s*export\b/m.test(inlineGlue)) fail('the wasm-bindgen glue still has an export after inlining');

// Keep the HTML parser out of the script: "</script" and "<!--" must not appear.
const escapeForScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const wasmBase64 = wasm.toString('base64');
const singleModule = `${escapeForScript(inlineGlue)}
const DSN_WASM_BASE64 = "${wasmBase64}";
${startScript(`    const b64 = DSN_WASM_BASE64;
    let bytes;
    if (typeof Uint8Array.fromBase64 === 'function') {
      bytes = Uint8Array.fromBase64(b64);
    } else {
      const bin = atob(b64);
      bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    }
    await ${initName}({ module_or_path: bytes });`)}`;

const singleHtml = template
  .replace(STYLE_MARK, () => `${NO_FAVICON}\n<style>\n${css.replace(/<\/(style)/gi, '<\\/$1')}\n</style>`)
  .replace(SCRIPT_MARK, () => `${guardScript}\n<script type="module">\n${singleModule}\n</script>`);
if (/<(script|link|img|iframe)\b[^>]*\s(src|href)\s*=\s*(?!["']?data:)/i.test(singleHtml)) {
  fail('dist/navigator.html would load an external resource');
}
writeFileSync(join(dist, 'navigator.html'), singleHtml);

// --- Sizes ---------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = ['navigator.html', 'index.html', 'navigator.js', 'navigator_bg.wasm', 'style.css'].map((f) => {
  const buf = readFileSync(join(dist, f));
  return [f, buf.length, gzipSync(buf, { level: 9 }).length];
});
console.log('\ndist/                      raw         gzip -9');
for (const [f, raw, gz] of rows) {
  console.log(`  ${f.padEnd(22)} ${kb(raw).padStart(10)}  ${kb(gz).padStart(10)}`);
}
console.log(`\nSingle file (works offline from file://): ${relative(process.cwd(), join(dist, 'navigator.html')) || 'dist/navigator.html'}`);
