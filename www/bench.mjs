// Performance report for the single-file build, dist/navigator.html, opened from
// file:// in headless Chromium. NOT a test: it prints numbers against budgets and
// always exits 0 (unless it cannot run at all).
//
// Usage: node www/bench.mjs [runs]        (www/scripts/bench.sh builds first)
//        BENCH_RUNS=30 node www/bench.mjs
//
// What is measured, per run (a fresh browser context and page each run; one extra
// warm-up run first is not counted):
//
//   first-contentful-paint  performance paint entry 'first-contentful-paint', ms from
//                           navigation start. The page's static "Loading…" text is
//                           contentful, so this is the time to the first paint of the
//                           page, not of the app.
//   loader script starts    performance.mark('dsn:loader') at the start of the inline
//                           module (after the glue and the base64 string are parsed).
//   wasm init returned      performance.mark('dsn:started'): the wasm is decoded,
//                           compiled, instantiated and its main() has run (app mounted).
//   interactive             ms from navigation start until the start page's "Start now"
//                           button is in the DOM and enabled. Measured in the page: an
//                           init script wraps Element.prototype.attachShadow so that a
//                           MutationObserver watches the app's shadow root, and records
//                           performance.now() in the observer callback (a microtask right
//                           after Yew inserts the button, before the next paint). At that
//                           point the wasm is compiled and instantiated, the app mounted
//                           and its event listeners attached.
//   interactive+frame       the same, plus the next animation frame: performance.now()
//                           in a task posted from the requestAnimationFrame callback that
//                           follows, i.e. roughly when that frame has been rendered.
//   Continue -> next        for each Continue on a question that leads to another
//                           question: from the click (performance.now() in a capture-
//                           phase 'click' listener on window, before the app sees the
//                           event) to the MutationObserver seeing h1#dsn-heading with the
//                           next question's text (Yew has re-rendered the DOM).
//   Continue -> next+frame  the same, plus the next frame (as above), so it includes
//                           style, layout and paint of the new page.
//   JS heap                 CDP Performance.getMetrics JSHeapUsedSize after reaching the
//                           outcome page; and the wasm linear memory size
//                           (memory.buffer.byteLength, which the JS heap does not count).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { walks } from '../tests/e2e/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.env.BENCH_FILE || join(root, 'dist', 'navigator.html');
const RUNS = Math.max(15, Number(process.argv[2] || process.env.BENCH_RUNS || 15));
const BUDGET = { gzipKB: 250, interactiveMs: 250, continueMs: 16 };

if (!existsSync(file)) {
  console.error('bench: dist/navigator.html is missing; run www/scripts/build.sh (or npm run bench)');
  process.exit(1);
}

// --- The walk to click through: of the engine's walks (`navigator walks`), the one with
// the most questions. Each step says what a person sees and does, by visible labels.
function routePath() {
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
function instrument() {
  const B = (window.__bench = { interactive: null, interactiveFrame: null, steps: [], pending: null, memory: null });
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
  const heading = (root) => {
    const h = root.querySelector('h1#dsn-heading');
    return h ? h.textContent.replace(/\s+/g, ' ').trim() : null;
  };
  const watch = (root) => {
    const check = () => {
      if (B.interactive === null) {
        const btn = [...root.querySelectorAll('button')].find((b) => b.textContent.includes('Start now'));
        if (btn && !btn.disabled) {
          B.interactive = performance.now();
          afterFrame((t) => (B.interactiveFrame = t));
        }
      }
      const p = B.pending;
      if (p && p.done === null) {
        const text = heading(root);
        if (text !== null && text !== p.from) {
          p.done = performance.now();
          p.to = text;
          afterFrame((t) => (p.frame = t));
        }
      }
    };
    new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };
  document.addEventListener('DOMContentLoaded', () => {
    const host = document.getElementById('data-sharing-navigator');
    if (host && host.shadowRoot) watch(host.shadowRoot);
    else watch(document.body);
  });
  window.addEventListener(
    'click',
    (e) => {
      const target = e.composedPath()[0];
      const button = target && target.closest && target.closest('button');
      if (!button) return;
      const label = button.textContent.replace(/\s+/g, ' ').trim();
      const host = document.getElementById('data-sharing-navigator');
      const root = (host && host.shadowRoot) || document;
      const p = { label, start: performance.now(), from: heading(root), done: null, frame: null, to: null };
      B.pending = p;
      B.steps.push(p);
    },
    true,
  );
}

// --- Statistics ------------------------------------------------------------------------
const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const verdict = (value, budget) => (Number.isFinite(value) ? (value <= budget ? 'PASS' : 'OVER') : 'n/a');

async function waitFor(page, fn, arg, timeout = 15000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 10 });
}

// --- Run ---------------------------------------------------------------------------------
const raw = readFileSync(file);
const gz = gzipSync(raw, { level: 9 });
const path = routePath();
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM].find((p) => p && existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const url = pathToFileURL(file).href;

const fcp = [];
const loader = [];
const started = [];
const interactive = [];
const interactiveFrame = [];
const cont = [];
const contFrame = [];
const toCheck = [];
const heap = [];
const wasmMem = [];
let requests = 0;

for (let run = 0; run <= RUNS; run++) {
  const warmup = run === 0;
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!warmup && r.url().split('#')[0] !== url) requests++;
  });
  await page.addInitScript(instrument);
  await page.goto(url);
  await waitFor(page, () => window.__bench && window.__bench.interactiveFrame !== null);
  await waitFor(page, () => performance.getEntriesByName('first-contentful-paint').length > 0);
  const start = await page.evaluate(() => ({
    loader: performance.getEntriesByName('dsn:loader')[0]?.startTime ?? NaN,
    started: performance.getEntriesByName('dsn:started')[0]?.startTime ?? NaN,
    fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    interactive: window.__bench.interactive,
    frame: window.__bench.interactiveFrame,
  }));

  // Click through the walk. The first click is "Start now"; a task in the task list is
  // a link, not a Continue, so only its page is waited for.
  await page.getByRole('button', { name: 'Start now' }).click();
  await waitFor(page, (t) => window.__bench.steps.at(-1)?.to === t, headingOf(path[1]));
  for (let i = 1; i < path.length; i++) {
    const s = path[i];
    const next = headingOf(path[i + 1]);
    if (s.page === 'question') {
      await answer(page, s);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await waitFor(page, (t) => window.__bench.steps.at(-1)?.to === t && window.__bench.steps.at(-1).frame !== null, next);
    } else if (s.page === 'tasks') {
      await page.getByRole('link', { name: s.click, exact: true }).click();
      await page.locator('h1#dsn-heading', { hasText: next }).first().waitFor();
    } else {
      break; // check your answers
    }
  }
  const steps = await page.evaluate(() => window.__bench.steps.map(({ label, start, done, frame, to }) => ({ label, start, done, frame, to })));
  // Continue from check your answers to the outcome, then read the heap.
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.locator('section[data-outcome]').waitFor();
  await page.waitForTimeout(50);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  const mem = await page.evaluate(() => (window.__bench.memory ? window.__bench.memory.buffer.byteLength : null));
  await context.close();
  if (warmup) continue;

  fcp.push(start.fcp);
  loader.push(start.loader);
  started.push(start.started);
  interactive.push(start.interactive);
  interactiveFrame.push(start.frame);
  for (const s of steps.slice(1)) {
    // Continue on a question page: the next question, or check your answers at the end.
    if (s.to === 'Check your answers') {
      toCheck.push(s.done - s.start);
    } else {
      cont.push(s.done - s.start);
      contFrame.push(s.frame - s.start);
    }
  }
  if (used) heap.push(used);
  if (mem) wasmMem.push(mem);
}
const version = browser.version();
await browser.close();

// --- Report ------------------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const line = (name, xs, budget) => {
  const med = quantile(xs, 0.5);
  const p90 = quantile(xs, 0.9);
  const b = budget === undefined ? '' : `   budget ≤ ${budget} ms  ${verdict(med, budget)}`;
  console.log(`  ${name.padEnd(28)} median ${ms(med).padStart(9)}   p90 ${ms(p90).padStart(9)}   (n=${xs.length})${b}`);
};
console.log(`\nData Sharing Navigator: performance report`);
console.log(`  file       dist/navigator.html over file://`);
console.log(`  browser    Chromium ${version}, headless; ${cpus().length} CPU(s): ${cpus()[0]?.model ?? '?'}`);
console.log(`  runs       ${RUNS} (+1 warm-up not counted), fresh context and page each run`);
console.log(`  walk       ${path.filter((s) => s.page === 'question').length} questions (${path.filter((s) => s.page === 'tasks').length} task list visits): ${path.filter((s) => s.page === 'question').map((s) => s.question).join(' ')}`);
console.log('\nSize');
console.log(`  raw ${kb(raw.length)}, gzip -9 ${kb(gz.length)}   budget ≤ ${BUDGET.gzipKB} KB gzip  ${verdict(gz.length / 1024, BUDGET.gzipKB)}`);
console.log('\nStart-up (ms from navigation start)');
line('first-contentful-paint', fcp);
line('loader script starts', loader);
line('wasm init returned', started);
line('interactive ("Start now")', interactive, BUDGET.interactiveMs);
line('interactive + next frame', interactiveFrame);
console.log('\nSteps (ms from the click)');
line('Continue -> next question', cont, BUDGET.continueMs);
line('  + next frame', contFrame);
if (toCheck.length) line('Continue -> check answers', toCheck);
console.log('\nMemory at the outcome page (after GC)');
const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
console.log(`  JS heap used        median ${mb(quantile(heap, 0.5))}   (CDP Performance.getMetrics JSHeapUsedSize)`);
if (wasmMem.length) console.log(`  wasm linear memory  median ${mb(quantile(wasmMem, 0.5))}   (memory.buffer.byteLength)`);
console.log(`\nNetwork requests other than the file itself: ${requests}`);
console.log('\n(This is a report, not a test: it always exits 0.)');
