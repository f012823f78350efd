// Assemble dist/ from the wasm-bindgen output (target/wasm-bindgen/) and the
// top-level index.html template, which contains the markers
//   <!-- dsn:style -->, <!-- dsn:data -->, <!-- dsn:prerender -->, <!-- dsn:loading --> and <!-- dsn:script -->
// and the prerendered start page (target/prerender.html, `navigator prerender`).
//
// Produces:
//   dist/index.html, style.css, loading.css, navigator.css, dsn-guard.js, dsn-start.js,
//   navigator.js, navigator_bg.wasm
//       a hostable build (serve dist/ from any static web server), nothing inline
//   dist/navigator.html
//       ONE self-contained file: CSS inlined, JS glue inlined, wasm inlined as
//       LZMA + base64. Works when opened from file:// and makes no network request.
//
// Usage: node www/build.mjs   (run by www/scripts/build.sh after wasm-bindgen + wasm-opt)
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { lzma } from './lzma.mjs';

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
const LOADING_MARK = '<!-- dsn:loading -->';
const DATA_MARK = '<!-- dsn:data -->';
for (const mark of [STYLE_MARK, SCRIPT_MARK, LOADING_MARK, DATA_MARK]) {
  const n = template.split(mark).length - 1;
  if (n !== 1) fail(`index.html must contain the marker ${mark} exactly once (found ${n})`);
}

// --- Checks: no external resources -------------------------------------------
// System fonts only, nothing fetched: the stylesheet may not import or reference
// anything except data: URLs.
// www/navigator.css: the app's shadow-root styles (given to the wasm by the loader). It
// also rides in the single file's data block, an HTML comment, which it may not end.
const appCssPath = join(root, 'www', 'navigator.css');
if (!existsSync(appCssPath)) fail('missing www/navigator.css');
const appCss = readFileSync(appCssPath, 'utf8');
if (/<!--|--!?>/.test(appCss)) fail('www/navigator.css holds "<!--", "-->" or "--!>", which cannot go in the data block (an HTML comment)');
for (const [name, text] of [
  ['www/style.css', css],
  ['www/navigator.css', appCss],
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

// --- Loader ----------------------------------------------------------------------
// Never stuck on "Loading…". Three layers, each for when the one before cannot help:
//  1. The guard script (below): no WebAssembly, start-up failing, not started within
//     10 s, or the WebAssembly code crashing later (a Rust panic aborts with a
//     WebAssembly.RuntimeError "unreachable") → a plain message, at once.
//  2. The loading block's own CSS (no script at all: the host page's CSP blocks it, or
//     the browser cannot run modules): after 10 s a CSS animation hides the loading
//     text and shows the could-not-start text; with JavaScript off (`scripting: none`)
//     it shows at once, with the <noscript> text.
//  3. No CSS either: the loading text itself says what to do if it stays.
// The app removes every loading block ([data-dsn-loading]) when it mounts (src/ui/host.rs).
// Tests find the messages by their data-dsn-message kind, never by wording.
const TEXT = {
  loading:
    'Loading the Navigator\u2026 It runs entirely in this browser: nothing you enter leaves your computer. ' +
    'If this message is still here after a few seconds, the Navigator could not start on this page: ' +
    'reload the page, or open it in a recent version of Edge, Chrome, Firefox or Safari.',
  title: 'The Navigator could not start on this page.',
  advice: [
    'Reload the page to try again.',
    'Use a recent version of Edge, Chrome, Firefox or Safari, with JavaScript switched on.',
    'If this is a page on your intranet, tell the page\u2019s owner: the page may be stopping the Navigator from running.',
    'The answers kept in this browser are not lost.',
  ],
  noscript: 'The Navigator needs JavaScript, which is switched off in this browser.',
  later:
    'Sorry, something went wrong and the Navigator stopped working. ' +
    'Your saved answers are kept in this browser; reload the page to try again.',
};
const FAIL_FILE =
  'This copy of the Navigator (index.html) has to be opened from a web server. ' +
  'To use the Navigator without one, open navigator.html instead: it is a single file that works offline.';
const STUCK_AFTER_S = 10;

const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// The block a host page puts inside its host element (README "Embedding"); the single
// file has it inside its <main>. No script needed. Its CSS is inline in the single file
// and the snippet for host pages, and in style.css / loading.css for the hostable build
// (whose policy allows no inline style).
// Beside a prerendered start page (data-dsn-prerendered), the loading text is not shown
// (the page is), and with JavaScript off only the <noscript> text is. There the block
// takes no room (no bottom padding), so the page does not move up when the app removes it.
const loadingCss = `.dsn-loading [data-dsn-message=loading]{overflow:hidden;animation:dsn-gone 0s ${STUCK_AFTER_S}s forwards}
.dsn-loading [data-dsn-message=cannot-start]{display:block;visibility:hidden;max-height:0;overflow:hidden;animation:dsn-late 0s ${STUCK_AFTER_S}s forwards}
@keyframes dsn-gone{to{visibility:hidden;max-height:0;margin:0}}
@keyframes dsn-late{to{visibility:visible;max-height:none}}
[data-dsn-prerendered]>.dsn-loading{padding-bottom:0}
[data-dsn-prerendered]>.dsn-loading [data-dsn-message=loading]{display:none}
@media (scripting:none){.dsn-loading [data-dsn-message=loading]{display:none}.dsn-loading [data-dsn-message=cannot-start]{animation:none;visibility:visible;max-height:none}[data-dsn-prerendered]>.dsn-loading [data-dsn-message=cannot-start]{display:none}}`;
const loadingBlock = (inlineCss) => `<!-- Data Sharing Navigator: loading message -->
<div class="dsn-loading" data-dsn-loading>
${inlineCss ? `<style>\n${loadingCss}\n</style>\n` : ''}<p data-dsn-message="loading">${esc(TEXT.loading)}</p>
<noscript><p data-dsn-message="noscript">${esc(TEXT.noscript)}</p></noscript>
<div data-dsn-message="cannot-start" hidden>
<p><strong>${esc(TEXT.title)}</strong></p>
<ul>
${TEXT.advice.map((a) => `<li>${esc(a)}</li>`).join('\n')}
</ul>
</div>
</div>
<!-- end of loading message -->`;

// Runs first in every copy of the loader (a classic <script> for browsers without
// modules, and again at the top of the module, so a host page that pastes only the
// module is covered). Idempotent: the first copy wins.
const guardJs = `(function () {
  if (window.__dsnLoader) return;
  var L = window.__dsnLoader = { started: false, running: false, shown: false };
  var T = ${JSON.stringify({ title: TEXT.title, advice: TEXT.advice, later: TEXT.later })};
  L.fail = function (started, detail) {
    if (L.shown) return;
    L.shown = true;
    var show = function () {
      var d = document, box = d.createElement('div');
      var add = function (parent, tag, text) {
        var e = d.createElement(tag);
        if (text) e.textContent = text;
        return parent.appendChild(e);
      };
      box.className = 'dsn-notice dsn-fatal';
      box.setAttribute('data-dsn-loading', '');
      box.setAttribute('data-dsn-message', started ? 'stopped' : 'cannot-start');
      box.setAttribute('role', 'alert');
      // Through the CSSOM, which a page's style-src does not block (a style attribute is).
      box.style.cssText = 'margin:1em 0;padding:1em;border:4px solid #d4351c;background:#fff;color:#0b0c0c;font:1.1875rem/1.3 system-ui,sans-serif';
      if (started) add(box, 'p', T.later);
      else {
        add(add(box, 'p'), 'strong', T.title);
        if (detail) add(box, 'p', detail);
        var ul = add(box, 'ul');
        for (var i = 0; i < T.advice.length; i++) add(ul, 'li', T.advice[i]);
      }
      // A prerendered start page that will never work goes (data-dsn-failed hides it).
      var pre = d.querySelectorAll('[data-dsn-prerendered]');
      for (var j = 0; j < pre.length; j++) pre[j].setAttribute('data-dsn-failed', '');
      if (L.reject) L.reject(new Error('The Data Sharing Navigator could not start on this page.'));
      // Once the app has mounted, its host's own children are not displayed: write
      // into its (open) shadow root.
      var mounted = d.querySelector('[data-dsn-mounted]');
      var shadow = mounted && mounted.shadowRoot;
      if (shadow) return void shadow.insertBefore(box, shadow.firstChild);
      // In place of the first loading block that is displayed; the others go.
      var blocks = d.querySelectorAll('[data-dsn-loading]'), at = null;
      for (i = 0; i < blocks.length; i++) if (!at && blocks[i].getClientRects().length) at = blocks[i];
      for (i = 0; i < blocks.length; i++) if (blocks[i] !== at) blocks[i].parentNode.removeChild(blocks[i]);
      if (at) at.parentNode.replaceChild(box, at);
      else (d.getElementById('data-sharing-navigator') || d.body).appendChild(box);
      // Not displayed there (a host element that is not a container, or has a closed
      // shadow root): at the end of the page instead.
      if (!box.getClientRects().length) d.body.appendChild(box);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
  };
  // Only the Navigator's own crashes: a host page's errors are not ours.
  var crash = function (err) {
    return typeof WebAssembly === 'object' && !!WebAssembly.RuntimeError && err instanceof WebAssembly.RuntimeError;
  };
  addEventListener('error', function (e) { if (e && crash(e.error)) L.fail(L.started); });
  addEventListener('unhandledrejection', function (e) { if (e && crash(e.reason)) L.fail(L.started); });
  // The JavaScript calls a host page makes (README "Embedding"): usable at once, they
  // wait for the WebAssembly; the loader hands over the real ones (L.provide).
  var ready = new Promise(function (resolve, reject) { L.provide = resolve; L.reject = reject; });
  ready.catch(function () {});
  var call = function (name) {
    return function (el, options) { return ready.then(function (api) { return api[name](el, options); }); };
  };
  window.DataSharingNavigator = { ready: ready.then(function () { return true; }), mount: call('mount'), unmount: call('unmount') };
  window.DataSharingNavigator.ready.catch(function () {});
  // A prerendered start page (www/build.mjs) paints before the WebAssembly runs. Until
  // the app takes it over (L.live, called by the app), a click on one of its buttons or
  // links, or a file chosen, is held and then replayed: a Start pressed early is not
  // lost. With a link or kept answers to read, the page is held back instead
  // (data-dsn-waiting): the app may show another page.
  L.live = function (host) {
    host.removeAttribute('data-dsn-waiting');
    var q = host.__dsnQueue || [];
    host.__dsnQueue = null;
    host.__dsnLive = true;
    for (var i = 0; i < q.length; i++) {
      if (!q[i].el.isConnected) continue;
      if (q[i].type === 'click') q[i].el.click();
      else if (q[i].type === 'drop') q[i].el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer: q[i].data }));
      else q[i].el.dispatchEvent(new Event(q[i].type, { bubbles: true }));
    }
  };
  var hold = function (host) {
    var root = host.shadowRoot;
    if (!root || host.__dsnQueue) return;
    var kept = null;
    try { kept = localStorage.getItem('data-sharing-navigator'); } catch (e) {}
    var hash = location.hash;
    var link = hash.slice(0, 2) === '#/' && (host.hasAttribute('data-dsn-standalone') ? hash.length > 2 : hash.slice(2, 3) === 'v');
    if (kept !== null || link) return void host.setAttribute('data-dsn-waiting', '');
    host.__dsnQueue = [];
    var early = function (e) {
      if (host.__dsnLive) return;
      var t = e.composedPath()[0];
      var el = e.type === 'click' ? (t && t.closest ? t.closest('button, a[href]') : null) : t;
      if (!el) return;
      if (e.type === 'click') e.preventDefault();
      host.__dsnQueue.push({ el: el, type: e.type });
    };
    root.addEventListener('click', early, true);
    root.addEventListener('change', early, true);
    // A file dropped early: not opened by the browser in place of the page, but held,
    // and dropped again (the same files) once the app runs.
    root.addEventListener('dragover', function (e) { if (!host.__dsnLive) e.preventDefault(); }, true);
    root.addEventListener('drop', function (e) {
      if (host.__dsnLive) return;
      e.preventDefault();
      var t = e.composedPath()[0], files = e.dataTransfer ? e.dataTransfer.files : [];
      if (!t || !files.length) return;
      var dt = new DataTransfer();
      for (var i = 0; i < files.length; i++) dt.items.add(files[i]);
      host.__dsnQueue.push({ el: t, type: 'drop', data: dt });
    }, true);
  };
  var hosts = document.querySelectorAll('[data-dsn-prerendered]');
  for (var h = 0; h < hosts.length; h++) hold(hosts[h]);
  if (hosts.length) try { performance.mark('dsn:clickable'); } catch (e) {}
  var ok = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function' &&
    typeof Promise === 'function' && typeof TextDecoder === 'function' &&
    'noModule' in document.createElement('script');
  if (!ok) L.fail(false);
  else setTimeout(function () { if (!L.started) L.fail(false); }, ${STUCK_AFTER_S * 1000});
})();`;
// Shipped without comments and indentation (it has no multi-line strings).
const guardMin = guardJs.replace(/^\s*\/\/.*\n/gm, '').replace(/^\s+/gm, '');

// The module part: initialise, then mark as started. `initExpr` is an expression
// that resolves to the wasm-bindgen init function; `arg` its argument.
// One Navigator per page: a second copy of the loader (pasted twice) stops here, before
// loading the WebAssembly again; mount() has the same rule for the page's DOM (the
// data-dsn-mounted marker, src/ui/host.rs), whatever loaded the code.
function startScript(body, failMessage = 'undefined') {
  return `(async () => {
  const L = window.__dsnLoader;
  if (L.shown) return;
  if (L.running) {
    console.info('Data Sharing Navigator: its script is on this page more than once; only the first copy runs, so there is one Navigator. Remove the other copies.');
    return;
  }
  L.running = true;
  const mark = (name) => { try { performance.mark(name); } catch (e) {} };
  mark('dsn:loader');
  try {
${body}
    L.started = true;
    L.shown = false;
    mark('dsn:started');
    L.provide({ mount: api.mount, unmount: api.unmount });
    // A Navigator whose element the page removes keeps its state (putting the element
    // back carries on); the page's author is told once.
    const gone = new WeakSet();
    new MutationObserver((records) => {
      if (!records.some((r) => r.removedNodes.length)) return;
      for (const el of api.mounted()) {
        if (el.isConnected || gone.has(el)) continue;
        gone.add(el);
        console.info('Data Sharing Navigator: its element was removed from the page. The answers are kept on this computer; put the element back to carry on, or call DataSharingNavigator.unmount(element) to stop it.', el);
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  } catch (err) {
    console.error('Data Sharing Navigator failed to start:', err);
    L.fail(false, ${failMessage});
  }
})();`;
}

// --- Content-Security-Policy --------------------------------------------------------
// The single file allows exactly its own inline scripts and styles, by SHA-256, so that
// nothing else inline can run or apply (an injected script or style, an event handler
// attribute, a `javascript:` link). The hostable build has nothing inline at all and
// allows only its own files: `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
function inlineOf(html, tag) {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]))
    .map((m) => m[2]);
}
function withPolicy(html, { hostable }) {
  const scripts = inlineOf(html, 'script').filter((t, i, all) => all.indexOf(t) === i);
  const styles = inlineOf(html, 'style').filter((t, i, all) => all.indexOf(t) === i);
  if (hostable && (scripts.length || styles.length)) {
    fail(`dist/index.html must have no inline script or style (found ${scripts.length} and ${styles.length})`);
  }
  if (hostable && /\sstyle\s*=/i.test(html.replace(/<meta[^>]*>/gi, ''))) fail('dist/index.html has a style attribute');
  let metas = 0;
  const out = html.replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]*)"/gi, (_, start, csp) => {
    metas++;
    const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
    const set = (name, sources) => {
      const i = directives.findIndex((d) => d.startsWith(`${name} `));
      if (i < 0) fail(`the CSP in index.html has no ${name}`);
      directives[i] = [name, ...sources].join(' ');
    };
    for (const d of directives) if (/'unsafe-inline'/.test(d)) fail(`the CSP in index.html allows 'unsafe-inline' (${d})`);
    if (hostable) {
      set('script-src', ["'self'", "'wasm-unsafe-eval'"]);
      set('style-src', ["'self'"]);
    } else {
      set('script-src', ["'wasm-unsafe-eval'", ...scripts.map(sha)]);
      set('style-src', styles.map(sha));
    }
    return `${start}${directives.join('; ')}"`;
  });
  if (metas !== 1) fail(`index.html must have one Content-Security-Policy <meta> (found ${metas})`);
  return out;
}

// An empty data: favicon stops browsers asking the server for /favicon.ico.
const NO_FAVICON = '<link rel="icon" href="data:,">';

// --- Hostable build ------------------------------------------------------------
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
copyFileSync(gluePath, join(dist, 'navigator.js'));
copyFileSync(wasmPath, join(dist, 'navigator_bg.wasm'));
copyFileSync(appCssPath, join(dist, 'navigator.css'));
writeFileSync(join(dist, 'style.css'), `${css}\n/* The loading message (www/build.mjs) */\n${loadingCss}\n`);
writeFileSync(join(dist, 'loading.css'), `${loadingCss}\n`);

// --- The prerendered start page ----------------------------------------------------
// `navigator prerender` (www/scripts/build.sh) renders the start page with Yew's
// server-side rendering; it goes in a declarative shadow root, so it paints (with the
// Navigator's styles, isolated from the page's) before any script runs, and the app
// hydrates it in place. The <slot> shows the host element's own children: the loading
// block's messages (with JavaScript off: only that JavaScript is needed).
const prerenderPath = join(bindgenDir, '..', 'prerender.html');
if (!existsSync(prerenderPath)) fail(`missing ${relative(root, prerenderPath)} (run www/scripts/build.sh)`);
const prerendered = readFileSync(prerenderPath, 'utf8');
if (!/<button\b/.test(prerendered) || /<(script|style|template|link)\b/i.test(prerendered)) {
  fail('the prerendered start page has no button, or has a script, style, template or link');
}
const PRERENDER_MARK = '<!-- dsn:prerender -->';
if (template.split(PRERENDER_MARK).length !== 2) fail(`index.html must contain the marker ${PRERENDER_MARK} exactly once`);
const shadowOf = (styles) =>
  `<template shadowrootmode="open">${styles}<slot></slot><div class="dsn-app">${prerendered}</div></template>`;

const hostScript = `<script src="dsn-guard.js"></script>
<script type="module" src="dsn-start.js"></script>`;
writeFileSync(join(dist, 'dsn-guard.js'), `${guardMin}\n`);
writeFileSync(join(dist, 'dsn-start.js'), `${guardMin}
${startScript(`    L.css = ${JSON.stringify(appCss)};
    const api = await import('./navigator.js');
    await api.default({ module_or_path: new URL('./navigator_bg.wasm', import.meta.url) });`,
  `location.protocol === 'file:' ? ${JSON.stringify(FAIL_FILE)} : undefined`)}
`);
const hostHtml = withPolicy(
  template
    .replace(LOADING_MARK, () => loadingBlock(false))
    .replace(`${DATA_MARK}\n`, () => '')
    .replace(PRERENDER_MARK, () => shadowOf('<link rel="stylesheet" href="navigator.css">'))
    .replace(STYLE_MARK, () => `${NO_FAVICON}\n<link rel="stylesheet" href="style.css">\n<link rel="preload" href="navigator.css" as="style">`)
    .replace(SCRIPT_MARK, () => hostScript),
  { hostable: true },
);
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
// Shipped without its comments and indentation: every comment in the glue is on lines of
// its own and no string spans lines, so this is safe; the result is compiled here to be sure.
inlineGlue = inlineGlue
  .split('\n')
  .filter((line) => !/^\s*(\/\*\*|\*\/|\*|\/\/)/.test(line))
  .map((line) => line.trim())
  .filter(Boolean)
  .join('\n');
try {
  new vm.Script(inlineGlue);
} catch (e) {
  fail(`the wasm-bindgen glue does not compile once its comments are stripped (${e.message})`);
}

// Keep the HTML parser out of the script: "</script" and "<!--" must not appear.
const escapeForScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

// The wasm travels compressed with LZMA (www/lzma.mjs), then base64, and the
// loader decodes it with www/unlzma.js (a port of the LZMA SDK's reference decoder, 4 KB):
// about a fifth smaller than the DEFLATE the browser's DecompressionStream offers, for
// some 40 ms of decoding at start (while the prerendered page is already on screen).
// Base64 of compressed bytes gzips back to about their size, so the file's gzip size is
// the LZMA size plus the rest.
let packedWasm;
try {
  packedWasm = lzma(wasm);
} catch (e) {
  fail(`the wasm: ${e.message}`);
}
const unlzmaJs = readFileSync(join(root, 'www', 'unlzma.js'), 'utf8')
  .replace(/^export\s+function\s+unlzma\b/m, 'function unlzma')
  .replace(/^\s*\/\/.*\n/gm, '');
if (/^\s*export\b/m.test(unlzmaJs)) fail('www/unlzma.js still has an export after inlining');
const wasmBase64 = Buffer.from(packedWasm).toString('base64');
const singleModule = `${guardMin}
${escapeForScript(inlineGlue)}
${unlzmaJs}
${startScript(`    // Let the prerendered page paint first: decoding holds the main thread for a while.
    await new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      setTimeout(resolve, 100);
    });
    mark('dsn:painted');
    // A data block, not a JavaScript string: the JavaScript parser never reads it. An HTML
    // comment in a <template>, which the HTML parser reads faster than a <script> data
    // block (measured: the page parsed some 8 ms sooner in interleaved runs). It holds
    // the WebAssembly as base64 on its first line, then the Navigator's style sheet (for
    // the shadow roots the app makes).
    const holder = document.getElementById('dsn-wasm');
    const note = holder && holder.content ? [...holder.content.childNodes].find((n) => n.nodeType === 8) : null;
    if (!note) throw new Error('the data block <template id="dsn-wasm"> is missing from the page');
    const block = note.data.trim();
    const cut = block.indexOf('\\n');
    if (cut < 0) throw new Error('the data block <template id="dsn-wasm"> is not in the form this loader reads');
    const b64 = block.slice(0, cut);
    L.css = block.slice(cut + 1);
    let packed;
    if (typeof Uint8Array.fromBase64 === 'function') {
      packed = Uint8Array.fromBase64(b64);
    } else {
      const bin = atob(b64);
      packed = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);
    }
    const bytes = unlzma(packed, ${wasm.length});
    mark('dsn:wasm-inflated');
    await ${initName}({ module_or_path: bytes });
    const api = { mount, unmount, mounted };`)}`;

// Minified (terser), which takes about 2 KB off the file's gzip size. `inline_script`
// keeps "</script" and "<!--" out of the output; checked all the same.
async function minified(code, isModule) {
  const out = await minify(code, {
    module: isModule,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false, inline_script: true },
  }).catch((e) => fail(`terser could not minify the ${isModule ? 'module' : 'guard'} script: ${e.message}`));
  if (/<\/script|<!--/i.test(out.code)) fail('a minified script holds "</script" or "<!--"');
  return out.code;
}
const singleModuleMin = await minified(singleModule, true);
const guardScriptMin = `<script>\n${await minified(guardMin, false)}\n</script>`;

// The data block comes just before the prerendered page (index.html's <!-- dsn:data -->),
// the style sheet last, so that gzip finds the prerendered page's copy of it within reach
// (32 KB) and that copy costs almost nothing; the guard and the module after the page stay
// beside the loading block and each other, whose words they repeat.
const dataBlock = `<template id="dsn-wasm"><!--\n${wasmBase64}\n${appCss.trim()}\n--></template>`;
const singleHtml = withPolicy(
  template
    .replace(LOADING_MARK, () => loadingBlock(true))
    .replace(DATA_MARK, () => dataBlock)
    .replace(PRERENDER_MARK, () => shadowOf(`<style>\n${appCss.replace(/<\/(style)/gi, '<\\/$1')}\n</style>`))
    .replace(STYLE_MARK, () => `${NO_FAVICON}\n<style>\n${css.replace(/<\/(style)/gi, '<\\/$1')}\n</style>`)
    .replace(SCRIPT_MARK, () => `${guardScriptMin}\n<script type="module">\n${singleModuleMin}\n</script>`),
  { hostable: false },
);
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
