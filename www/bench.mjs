// Performance report for the single-file build, dist/navigator.html, beside its floor,
// www/bench/floor.html: the same start page and first two questions written by hand in
// plain HTML and a little JS, with the same styles and no framework. Both are opened
// from file:// in headless Chromium, in one interleaved run (floor, Navigator, floor,
// Navigator, …; a fresh browser context and page each; one warm-up of each first, not
// counted), and each figure is printed as medians and p90 of both and the Navigator's as
// a ratio to the floor's. NOT a test: it prints numbers against targets and always exits
// 0 (unless it cannot run at all).
//
// Usage: node www/bench.mjs [runs]        (www/scripts/bench.sh builds first; runs ≥ 15)
//        BENCH_RUNS=30 node www/bench.mjs
//        BENCH_FILE=/path/to/other/navigator.html node www/bench.mjs
//
// The floor's two stylesheets (www/style.css, www/navigator.css) are put inline into a
// temporary copy before it is measured, so that both pages are one self-contained file.
//
// Each run loads the page twice, in fresh contexts: a QUIET load, where the bench only waits
// for the load event and then reads the page's own entries (nothing polls or clicks while
// the page loads, as for a person), for first contentful paint, Start clickable and Start
// acts; then the INTERACTIVE load, which clicks Start as soon as it is visible and walks on,
// for everything else. (Playwright's waiting for the button evaluates script in the page
// every few ms while it loads; measured with it, the Navigator's larger document finished
// parsing some 30 ms later than without it, the floor's hardly at all, so the paint figures
// would measure the bench. Its first contentful paint is still printed, as a detail.)
//
// What is measured, per run (ms from navigation start unless said otherwise):
//
//   first contentful paint  the paint entry 'first-contentful-paint'. The Navigator's
//                           static "Loading…" text is contentful, so this is its first
//                           paint of anything, not of the app.
//   Start clickable         "Start now" is on screen and a click on it will be acted on:
//                           the page's own mark performance.mark('dsn:clickable') when it
//                           sets one (the floor does; a prerendered Navigator, which
//                           queues a click made before it is running and replays it, sets
//                           it when the prerendered button is on screen). A build without
//                           that mark: the moment the button is in the app's shadow root
//                           and enabled, seen by a MutationObserver (a microtask after
//                           the app inserts it); the report says which was used.
//   Start acts              performance.mark('dsn:started'): the app is running (its wasm
//                           is instantiated and main() has mounted or hydrated the page).
//   Start -> first question seen  end to end: the bench clicks "Start now" (a real mouse
//                           click through the browser's input, not waiting for the page
//                           to settle) as soon as the button is visible, and records when
//                           the first question's heading is in the DOM.
//   Continue -> next question  from the click (performance.now() in a capture-phase
//                           'click' listener on window, before the page sees the event)
//                           to a MutationObserver seeing h1#dsn-heading with the next
//                           question's text. The Navigator: every Continue of the engine's
//                           longest walk that leads to another question; the floor: its
//                           one Continue. "+ next frame" adds the next animation frame
//                           (performance.now() in a task posted from the rAF callback):
//                           style, layout and paint of the new page.
//   JS heap + wasm memory   after a garbage collection, CDP Performance.getMetrics
//                           JSHeapUsedSize, plus the wasm linear memory
//                           (memory.buffer.byteLength, which the JS heap does not count).
//                           The Navigator: at the result of the longest walk; the floor:
//                           at its second question.
//   network requests        requests other than the file itself (and data:/blob: URLs).
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus, tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { walks, chromiumPath, CHROMIUM_ARGS } from '../tests/e2e/lib.mjs';
import { assembleFloor } from './bench/floor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const navFile = process.env.BENCH_FILE || join(root, 'dist', 'navigator.html');
const RUNS = Math.max(15, Number(process.argv[2] || process.env.BENCH_RUNS || 15));
// The targets of issue 7: ratios to the floor, or absolute.
const TARGET = { gzipKB: 150, fcpRatio: 1.2, clickableRatio: 1.5, continueMs: 16 };

if (!existsSync(navFile)) {
  console.error('bench: dist/navigator.html is missing; run www/scripts/build.sh (or npm run bench)');
  process.exit(1);
}

// --- The walks to click through. The Navigator: of the engine's walks (`navigator
// walks`), the one with the most questions, to its result. The floor: the same walk's
// start page and first two questions (to the second question's page). Each step says
// what a person sees and does, by visible labels.
function longestWalk() {
  const count = (w) => w.steps.filter((s) => s.page === 'question').length;
  return walks().reduce((a, b) => (count(b) > count(a) ? b : a)).steps;
}

// The heading a step's page shows.
function headingOf(step) {
  if (!step) return null;
  if (step.page === 'question') return step.legend;
  if (step.page === 'check') return 'Check your answers';
  return step.heading;
}

// Gives a question step's answer, as a person would.
async function answer(page, s) {
  if (s.kind === 'choice' || s.kind === 'choices') {
    for (const label of s.choose) await page.getByLabel(label, { exact: true }).check();
  } else if (s.kind === 'text') {
    await page.locator('#dsn-text').fill(s.text);
  } else if (s.kind === 'date') {
    await page.locator('#dsn-date-day').fill(s.date[0]);
    await page.locator('#dsn-date-month').fill(s.date[1]);
    await page.locator('#dsn-date-year').fill(s.date[2]);
  }
}

// --- In-page instrumentation (runs before the page's own scripts) --------------------
function instrument(firstLegend) {
  const B = (window.__bench = { appeared: null, appearedFrame: null, firstQuestion: null, steps: [], pending: null, memory: null });
  const afterFrame = (cb) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => cb(performance.now());
    ch.port2.postMessage(0);
  });
  // Keep a handle on the wasm memory (not counted in the JS heap).
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = function (...args) {
      return orig.apply(this, args).then((r) => {
        const inst = r.instance || r;
        const mem = inst.exports && Object.values(inst.exports).find((e) => e instanceof WebAssembly.Memory);
        if (mem) B.memory = mem;
        return r;
      });
    };
  }
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const heading = (root) => {
    const h = root.querySelector('h1#dsn-heading');
    return h ? norm(h.textContent) : null;
  };
  const appRoot = () => {
    const host = document.getElementById('data-sharing-navigator');
    return (host && host.shadowRoot) || document;
  };
  const watched = new WeakSet();
  const watch = (root) => {
    if (watched.has(root)) return;
    watched.add(root);
    const check = () => {
      if (B.appeared === null) {
        const btn = [...root.querySelectorAll('button')].find((b) => b.textContent.includes('Start now'));
        if (btn && !btn.disabled) {
          B.appeared = performance.now();
          afterFrame((t) => (B.appearedFrame = t));
        }
      }
      const text = heading(root);
      if (B.firstQuestion === null && text === firstLegend) B.firstQuestion = performance.now();
      const p = B.pending;
      if (p && p.done === null && text !== null && text !== p.from) {
        p.done = performance.now();
        p.to = text;
        afterFrame((t) => (p.frame = t));
      }
    };
    new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  };
  // The Navigator's shadow root is attached by script; the floor's is declarative (there
  // when the parser has read it), so it is watched from the first click on at the latest.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };
  document.addEventListener('DOMContentLoaded', () => watch(appRoot()));
  window.addEventListener(
    'click',
    (e) => {
      const target = e.composedPath()[0];
      const button = target && target.closest && target.closest('button');
      if (!button) return;
      const root = appRoot();
      watch(root);
      const p = { label: norm(button.textContent), start: performance.now(), from: heading(root), done: null, frame: null, to: null };
      B.pending = p;
      B.steps.push(p);
    },
    true,
  );
}

// --- One run of one page ---------------------------------------------------------------
async function waitFor(page, fn, arg, timeout = 15000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 10 });
}

// The quiet load: nothing polls the page or clicks until its load event (seen through the
// browser's lifecycle events, not by script in the page); then its entries are read.
async function quiet(browser, { url, steps }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument, steps[1].legend);
  await page.goto(url, { waitUntil: 'load' });
  await waitFor(page, () => performance.getEntriesByName('first-contentful-paint').length > 0 && (performance.getEntriesByName('dsn:started').length > 0 || window.__bench.appearedFrame !== null));
  const at = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return { fcp: at('first-contentful-paint'), clickable: at('dsn:clickable'), started: at('dsn:started'), loader: at('dsn:loader'), inflated: at('dsn:wasm-inflated'), appeared: window.__bench.appeared, appearedFrame: window.__bench.appearedFrame };
  });
  await context.close();
  return at;
}

async function run(browser, { url, steps }) {
  const calm = await quiet(browser, { url, steps });
  const context = await browser.newContext();
  const page = await context.newPage();
  let requests = 0;
  page.on('request', (r) => {
    if (r.url().split('#')[0] !== url && !/^(data|blob):/.test(r.url())) requests++;
  });
  await page.addInitScript(instrument, steps[1].legend);
  await page.goto(url, { waitUntil: 'commit' });

  // Start, end to end: click as soon as the button is visible, without waiting for the
  // page to settle; then the first question.
  const start = page.getByRole('button', { name: 'Start now' });
  await start.waitFor({ state: 'visible' });
  await start.click({ force: true });
  await waitFor(page, () => window.__bench.firstQuestion !== null);
  await waitFor(page, () => window.__bench.appearedFrame !== null && performance.getEntriesByName('first-contentful-paint').length > 0);
  const startup = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return {
      fcp: at('first-contentful-paint'),
      clickable: at('dsn:clickable'),
      started: at('dsn:started'),
      loader: at('dsn:loader'),
      inflated: at('dsn:wasm-inflated'),
      appeared: window.__bench.appeared,
      appearedFrame: window.__bench.appearedFrame,
      firstQuestion: window.__bench.firstQuestion,
    };
  });

  // Walk on to the last step: a question's Continue waits for the next page; a task in
  // the task list is a link, not a Continue, so only its page is waited for; Continue on
  // check your answers leads to the result.
  for (let i = 1; i < steps.length - 1; i++) {
    const s = steps[i];
    const next = headingOf(steps[i + 1]);
    if (s.page === 'question' || s.page === 'check') {
      if (s.page === 'question') await answer(page, s);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await waitFor(page, (t) => window.__bench.steps.at(-1)?.to === t && window.__bench.steps.at(-1).frame !== null, next);
    } else if (s.page === 'tasks') {
      await page.getByRole('link', { name: s.click, exact: true }).click();
      await page.locator('h1#dsn-heading', { hasText: next }).first().waitFor();
    }
  }
  const clicks = await page.evaluate(() => window.__bench.steps.map(({ label, start, done, frame, from, to }) => ({ label, start, done, frame, from, to })));
  await page.waitForTimeout(50);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const wasm = await page.evaluate(() => (window.__bench.memory ? window.__bench.memory.buffer.byteLength : 0));
  await context.close();

  // Continue on a question, to the next page of the walk: the next question, or the task
  // list between two parts (check your answers is counted apart).
  const legends = new Set(steps.filter((s) => s.page === 'question').map((s) => s.legend));
  const continues = clicks.filter((c) => c.label === 'Continue' && legends.has(c.from) && c.to !== 'Check your answers');
  return {
    fcp: calm.fcp,
    fcpBusy: startup.fcp,
    clickable: calm.clickable ?? calm.appeared,
    clickableFrame: calm.clickable === null ? calm.appearedFrame : null,
    clickableBy: calm.clickable === null ? 'appeared' : 'mark',
    started: calm.started ?? NaN,
    loader: calm.loader ?? NaN,
    inflated: calm.inflated ?? NaN,
    firstQuestion: startup.firstQuestion,
    startClick: clicks.find((c) => c.label === 'Start now')?.start ?? NaN,
    cont: continues.map((c) => c.done - c.start),
    contFrame: continues.map((c) => c.frame - c.start),
    firstCont: continues.slice(0, 1).map((c) => c.done - c.start),
    toCheck: clicks.filter((c) => c.to === 'Check your answers').map((c) => c.done - c.start),
    heap,
    wasm,
    memory: heap + wasm,
    requests,
  };
}

// --- Statistics ------------------------------------------------------------------------
const quantile = (xs, q) => {
  xs = xs.filter(Number.isFinite);
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
};

// --- Run ---------------------------------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), 'dsn-bench-'));
const walk = longestWalk();
const questionsAt = walk.map((s, i) => (s.page === 'question' ? i : -1)).filter((i) => i >= 0);
const pages = {
  floor: { file: assembleFloor(tmp), steps: walk.slice(0, questionsAt[1] + 1), runs: [] },
  navigator: { file: navFile, steps: walk, runs: [] },
};
for (const p of Object.values(pages)) {
  p.url = pathToFileURL(p.file).href;
  p.bytes = readFileSync(p.file);
  p.gzip = gzipSync(p.bytes, { level: 9 }).length;
}
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const version = browser.version();
try {
  for (let i = 0; i <= RUNS; i++) {
    for (const [name, p] of Object.entries(pages)) {
      let r;
      try {
        r = await run(browser, p);
      } catch (e) {
        const hint = name === 'floor' ? ' (is www/bench/floor.html in step with the Navigator’s start page and first two questions?)' : '';
        throw new Error(`bench: the ${name} run failed${hint}: ${e.message}`);
      }
      if (i > 0) p.runs.push(r); // run 0 is the warm-up
    }
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}

// --- Report ------------------------------------------------------------------------------
const all = (p, key) => p.runs.flatMap((r) => r[key]);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
const msf = (n) => `${n.toFixed(1)} ms`;
const cell = (xs, unit) => {
  const med = quantile(xs, 0.5);
  if (!Number.isFinite(med)) return 'n/a';
  return xs.length > 1 ? `${unit(med)} (p90 ${unit(quantile(xs, 0.9))})` : unit(med);
};
const rows = [];
// One row: the floor's and the Navigator's samples, and the target: a ratio to the floor
// (`ratio`) or an absolute limit on the Navigator's median (`max`).
function row(metric, f, n, unit, { ratio, max, maxText } = {}) {
  const fm = quantile(f, 0.5);
  const nm = quantile(n, 0.5);
  const r = nm / fm;
  let target = '';
  let verdict = '';
  if (ratio !== undefined) {
    target = `≤ ${ratio}× floor`;
    verdict = Number.isFinite(r) ? (r <= ratio ? 'OK' : 'OVER') : 'n/a';
  } else if (max !== undefined) {
    target = maxText ?? `≤ ${unit(max)}`;
    verdict = Number.isFinite(nm) ? (nm <= max ? 'OK' : 'OVER') : 'n/a';
  }
  rows.push([metric, cell(f, unit), cell(n, unit), Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a', target, verdict]);
}
const F = pages.floor;
const N = pages.navigator;
row('size, gzip -9', [F.gzip], [N.gzip], kb, { max: TARGET.gzipKB * 1024, maxText: `≤ ${TARGET.gzipKB} KB` });
row('first contentful paint', all(F, 'fcp'), all(N, 'fcp'), msf, { ratio: TARGET.fcpRatio });
row('start page interactive (Start clickable)', all(F, 'clickable'), all(N, 'clickable'), msf, { ratio: TARGET.clickableRatio });
row('Start acts (app hydrated)', all(F, 'started'), all(N, 'started'), msf);
row('Start -> first question seen', all(F, 'firstQuestion'), all(N, 'firstQuestion'), msf);
row('Continue -> next question', all(F, 'cont'), all(N, 'cont'), msf, { max: TARGET.continueMs });
row('  + next frame', all(F, 'contFrame'), all(N, 'contFrame'), msf);
row('  the first Continue only (alike on both)', all(F, 'firstCont'), all(N, 'firstCont'), msf);
row('JS heap + wasm memory', all(F, 'memory'), all(N, 'memory'), mb);
row('network requests', all(F, 'requests'), all(N, 'requests'), (x) => String(Math.round(x)), { max: 0, maxText: 'none' });

const header = ['metric', 'floor median (p90)', 'Navigator median (p90)', 'ratio', 'target', ''];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const fmt = (cells) => `  ${cells.map((x, c) => (c === 0 || c >= 4 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ')}`.trimEnd();

const definition = (p) => {
  const by = new Set(p.runs.map((r) => r.clickableBy));
  if (by.size === 1 && by.has('mark')) return "the page's mark 'dsn:clickable'";
  if (by.size === 1) return "no 'dsn:clickable' mark: the Start button appearing (enabled) in the app's shadow root";
  return "the mark 'dsn:clickable' in some runs, the button appearing in others";
};
const questions = walk.filter((s) => s.page === 'question');
console.log(`\nData Sharing Navigator: performance report, the Navigator beside its floor`);
console.log(`  Navigator  ${navFile === join(root, 'dist', 'navigator.html') ? 'dist/navigator.html' : navFile} over file://, raw ${kb(N.bytes.length)}`);
console.log(`  floor      www/bench/floor.html with www/style.css and www/navigator.css inline, over file://, raw ${kb(F.bytes.length)}`);
console.log(`  browser    Chromium ${version}, headless; ${cpus().length} CPU(s): ${cpus()[0]?.model ?? '?'}`);
console.log(`  runs       ${RUNS} of each, interleaved (+1 warm-up of each not counted), fresh context and page each run`);
console.log(`  walk       Navigator: ${questions.length} questions (${walk.filter((s) => s.page === 'tasks').length} task list visits) to a result: ${questions.map((s) => s.question).join(' ')}`);
console.log(`             floor: start, ${questions[0].question}, Continue, ${questions[1].question}`);
console.log('\nMedians (p90) in ms from navigation start, Continue in ms from the click; ratio = Navigator / floor.');
console.log('Paint, Start clickable and Start acts: from the quiet load of each run; the rest: from the interactive load.\n');
console.log(fmt(header));
console.log(fmt(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(fmt(r));
console.log('\nStart clickable, as measured:');
console.log(`  floor      ${definition(F)}`);
console.log(`  Navigator  ${definition(N)}`);
if (N.runs.some((r) => r.clickableBy === 'appeared')) {
  console.log(`             (+ next frame: median ${msf(quantile(all(N, 'clickableFrame'), 0.5))})`);
}
console.log(`\nStart -> first question seen includes the bench's own time to see the button and click: the click`);
console.log(`reached the page at a median ${msf(quantile(all(F, 'startClick'), 0.5))} on the floor, ${msf(quantile(all(N, 'startClick'), 0.5))} on the Navigator.`);
console.log('\nThe Navigator in detail (medians):');
const detail = [
  ['loader script starts (dsn:loader)', all(N, 'loader')],
  ['wasm inflated (dsn:wasm-inflated)', all(N, 'inflated')],
  ['app running (dsn:started)', all(N, 'started')],
];
for (const [name, xs] of detail) if (Number.isFinite(quantile(xs, 0.5))) console.log(`  ${name.padEnd(36)} ${msf(quantile(xs, 0.5))}`);
console.log(`  ${'first contentful paint, interactive'.padEnd(36)} ${msf(quantile(all(N, 'fcpBusy'), 0.5))}  (floor ${msf(quantile(all(F, 'fcpBusy'), 0.5))}: the bench polling as the page loads)`);
if (all(N, 'toCheck').length) console.log(`  ${'Continue -> check your answers'.padEnd(36)} ${msf(quantile(all(N, 'toCheck'), 0.5))}  (n=${all(N, 'toCheck').length})`);
console.log(`  ${'Continue -> next question samples'.padEnd(36)} ${all(N, 'cont').length} (floor ${all(F, 'cont').length})`);
console.log(`  ${'JS heap, at the result'.padEnd(36)} ${mb(quantile(all(N, 'heap'), 0.5))}  (floor, at its second question: ${mb(quantile(all(F, 'heap'), 0.5))})`);
console.log(`  ${'wasm linear memory'.padEnd(36)} ${mb(quantile(all(N, 'wasm'), 0.5))}`);
console.log('\n(This is a report, not a test: it always exits 0.)');
