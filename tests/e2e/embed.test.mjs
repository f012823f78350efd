// End-to-end tests of issue 7 (prerendered start page, strict CSP, several Navigators on
// one page), in headless Chromium:
//
// 1. The start page is in the files (dist/navigator.html, dist/index.html) as HTML, in
//    the host's declarative shadow root, before any script runs; the app hydrates it (the
//    same nodes, no layout shift); a Start pressed before the WebAssembly runs is not
//    lost; kept answers and a link still open the right page, never showing the
//    prerendered start page first.
// 2. The hostable build and the single file under a strict Content-Security-Policy sent
//    as a header by a small server: they work, look as designed, and violate nothing.
// 3. A host page (served with the same policy) with two Navigators marked with
//    data-sharing-navigator, each with its own options and storage, and the JavaScript
//    calls DataSharingNavigator.mount / unmount.
//
// Every test also checks: no page error, and no request but the page's own files (the
// server's, or the single file) and data:/blob: URLs.
//
// Run: node --test --test-reporter=spec tests/e2e/embed.test.mjs   (after www/scripts/build.sh)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import {
  root,
  singleFileUrl,
  STORAGE_KEY,
  walks,
  questionSteps,
  resultStep,
  answersIn,
  addressOf,
  content as contentOf,
  useBrowser,
  until,
  norm,
  button,
  headingText,
  expectHeadingFocused,
  fillAnswer,
  play,
} from './lib.mjs';

const dist = join(root, 'dist');
const content = contentOf();
const WALKS = walks();
const PREFIX = 'Data Sharing Navigator:'; // every console message the Navigator writes
const START_HEADING = 'Find out how to use or share health and care data';
const NAV_GREEN = 'rgb(0, 112, 60)'; // the Navigator's Start button (www/navigator.css)
const T = { timeout: 120_000 };
// A real record of the sample answers (tests/corpus/record-sample.txt), as the page makes it.
const RECORD = (() => {
  const answers = readFileSync(join(root, 'tests', 'corpus', 'record-sample.txt'), 'utf8').trim();
  const r = spawnSync('cargo', ['run', '-q', '--bin', 'navigator', '--', 'record', '2026-12-01T10:00', answers], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
})();

// The first walk: its first two questions (the triage's).
const FIRST_WALK = WALKS[0];
const [Q1, Q2] = questionSteps(FIRST_WALK);
const q2Index = FIRST_WALK.steps.indexOf(Q2);
// A walk of radios only that ends at a result: its answers make a link to the result.
const LINK_WALK = WALKS.filter((w) => resultStep(w) && questionSteps(w).every((s) => s.kind === 'choice')).sort(
  (a, b) => a.steps.length - b.steps.length,
)[0];
// A walk for someone from another organisation sharing data: what b's preset leads to.
const SHARING_WALK = WALKS.find((w) => w.answers['triage-who'] === 'external' && w.answers['triage-task'] === 'sharing');
const TRIAGE_QUESTIONS = ['triage-who', 'triage-task'];

const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
const OTHER_ORG = 'Example Partner NHS Trust';
const CONFIG_B = JSON.stringify({
  name: OTHER_ORG,
  contacts: { dsp_team: { phone: '01234 567890', extension: '', email: 'ig@example.nhs.uk' } },
});

// --- The server -------------------------------------------------------------------------

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};
/** The policy in a page's own <meta>, to send as a header too. */
const metaCsp = (file) => readFileSync(join(dist, file), 'utf8').match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];

// Serves dist/ and the pages the tests add (`pages`: path → text), on 127.0.0.1. Every
// HTML page gets the strict policy as a header, but navigator.html, which has inline
// scripts and styles (allowed by hash): it gets its own policy, copied from its <meta>.
// What was asked for and not found is recorded.
const server = { url: null, pages: new Map(), missing: [], http: null };
before(async () => {
  server.http = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let body = server.pages.get(path);
    if (body === undefined) {
      const file = normalize(join(dist, path === '/' ? 'index.html' : path));
      if (file.startsWith(dist) && existsSync(file)) body = readFileSync(file);
    }
    if (body === undefined) {
      server.missing.push(path);
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    const type = MIME[extname(path) || '.html'] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = path === '/navigator.html' ? metaCsp('navigator.html') : STRICT_CSP;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${server.http.address().port}`;
});
after(() => new Promise((resolve) => server.http.close(resolve)));

const env = useBrowser();

// --- Opening pages ----------------------------------------------------------------------

/** Runs in the page first: records CSP violations. */
function recordCsp() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
}

/** Runs in the page first: holds WebAssembly until `window.__release()`. */
function holdWasm() {
  let release;
  const gate = new Promise((r) => (release = r));
  window.__released = false;
  window.__release = () => {
    window.__released = true;
    release();
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (...a) => gate.then(() => instantiate.apply(WebAssembly, a));
  if (instantiateStreaming) WebAssembly.instantiateStreaming = (...a) => gate.then(() => instantiateStreaming.apply(WebAssembly, a));
}

/** Runs in the page first: answers kept on this computer, once per tab. */
function seed(entries) {
  if (sessionStorage.getItem('dsn-seeded')) return;
  sessionStorage.setItem('dsn-seeded', '1');
  for (const [k, v] of entries) localStorage.setItem(k, v);
}

/**
 * A fresh context and page, recording requests, console messages and page errors, with
 * `inits` (functions, or [function, arg]) run in the page before its own scripts.
 */
async function open(url, { inits = [], javaScript = true, goto = true } = {}) {
  server.missing.length = 0;
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 800 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const rec = { context, page, url, requests: [], pageErrors: [], console: [] };
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('websocket', (ws) => rec.requests.push(ws.url()));
  page.on('pageerror', (e) => rec.pageErrors.push(e.message));
  page.on('console', (m) => rec.console.push({ type: m.type(), text: m.text() }));
  if (javaScript) await page.addInitScript(recordCsp);
  for (const i of inits) {
    if (Array.isArray(i)) await page.addInitScript(i[0], i[1]);
    else await page.addInitScript(i);
  }
  if (goto) await page.goto(url);
  return rec;
}
const ours = (rec, type) => rec.console.filter((m) => m.type === type && m.text.startsWith(PREFIX)).map((m) => m.text);
const consoleErrors = (rec) => rec.console.filter((m) => m.type === 'error').map((m) => m.text);

/** No page error; nothing requested but the page's own files and data:/blob:. */
function assertClean(rec, { consoleErrorsAllowed = false } = {}) {
  assert.deepEqual(rec.pageErrors, [], 'no page error');
  const own = rec.url.startsWith('file:') ? [rec.url.split('#')[0]] : null;
  const others = rec.requests.filter((r) => {
    if (/^(data|blob):/.test(r)) return false;
    if (own) return !own.includes(r.split('#')[0]);
    return !r.startsWith(`${server.url}/`);
  });
  assert.deepEqual(others, [], 'no request but the page’s own files');
  assert.deepEqual(server.missing, [], 'nothing asked of the server that is not there');
  if (!consoleErrorsAllowed) assert.deepEqual(consoleErrors(rec), [], 'no console error');
}
async function assertNoCsp(rec) {
  assert.deepEqual(await rec.page.evaluate(() => window.__csp), [], 'no securitypolicyviolation');
  assert.deepEqual(consoleErrors(rec).filter((m) => /Content.Security.Policy|Trusted Type/i.test(m)), [], 'no CSP message');
}
async function run(rec, body) {
  try {
    await body(rec);
  } finally {
    await rec.context.close();
  }
}
const started = (page) => page.evaluate(() => performance.getEntriesByName('dsn:started').length > 0);
const host = (page) => page.locator('main#data-sharing-navigator');

/** Waits for the heading `text` (not checking focus: a page that opens does not move it). */
const expectHeading = (scope, text, message = `the heading "${text}"`) =>
  until(async () => (await headingText(scope)) === norm(text), { timeout: 10_000, message });

// --- 1. The prerendered start page -------------------------------------------------------

for (const [name, url] of [
  ['navigator.html (file://)', () => singleFileUrl],
  ['index.html (served)', () => `${server.url}/index.html`],
]) {
  test(`prerendered, ${name}: with JavaScript off, the start page is in the shadow root, hidden; only the noscript message shows`, T, () =>
    open(url(), { javaScript: false }).then((rec) =>
      run(rec, async ({ page }) => {
        const main = host(page);
        assert.equal(await main.getAttribute('data-dsn-prerendered'), '', 'the host is marked prerendered');
        // In the declarative shadow root (Playwright's CSS and role queries pierce open ones).
        const inShadow = await main.evaluate((el) => {
          const sr = el.shadowRoot;
          return {
            shadow: !!sr,
            slot: !!sr?.querySelector('slot'),
            h1: sr?.querySelector('h1#dsn-heading')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
            start: [...(sr?.querySelectorAll('button') ?? [])].some((b) => b.textContent.trim() === 'Start now'),
          };
        });
        assert.deepEqual(inShadow, { shadow: true, slot: true, h1: START_HEADING, start: true }, 'the start page and a <slot> are in the shadow root');
        const startNow = page.getByRole('button', { name: 'Start now', exact: true, includeHidden: true });
        assert.equal(await startNow.count(), 1, 'one Start now button in the page');
        assert.equal(await startNow.isVisible(), false, 'Start now is not visible');
        const noscript = norm(await page.locator('[data-dsn-message="noscript"]').textContent());
        assert.ok(noscript.length > 0, 'a noscript message');
        assert.equal(norm(await page.locator('body').innerText()), noscript, 'the visible text is only the noscript message');
        assert.equal(await page.locator('[data-dsn-message="loading"]').isVisible(), false, 'no loading message');
        assertClean(rec);
      }),
    ),
  );

  test(`prerendered, ${name}: hydration keeps the prerendered nodes, no layout shift, clickable before started`, T, () =>
    open(url(), {
      inits: [
        () => {
          window.__shift = 0;
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          // When parsing ends: before deferred and module scripts run.
          document.addEventListener('readystatechange', () => {
            if (document.readyState !== 'interactive' || window.__pre) return;
            const sr = document.querySelector('main').shadowRoot;
            window.__pre = {
              button: [...sr.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start now'),
              h1: sr.querySelector('h1#dsn-heading'),
              started: performance.getEntriesByName('dsn:started').length,
            };
          });
        },
      ],
    }).then((rec) =>
      run(rec, async ({ page }) => {
        await until(() => started(page), { timeout: 10_000, message: 'dsn:started' });
        await page.waitForTimeout(500);
        const r = await page.evaluate(() => {
          const sr = document.querySelector('main').shadowRoot;
          const now = [...sr.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start now');
          const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
          return {
            grabbed: !!window.__pre?.button && !!window.__pre?.h1,
            startedWhenGrabbed: window.__pre?.started,
            sameButton: now === window.__pre?.button,
            sameH1: sr.querySelector('h1#dsn-heading') === window.__pre?.h1,
            shift: window.__shift,
            clickable: mark('dsn:clickable'),
            started: mark('dsn:started'),
            mounted: document.querySelector('main').hasAttribute('data-dsn-mounted'),
            waiting: document.querySelector('main').hasAttribute('data-dsn-waiting'),
          };
        });
        assert.ok(r.grabbed, 'the Start button and h1 were in the shadow root when parsing ended');
        assert.equal(r.startedWhenGrabbed, 0, 'grabbed before the app started');
        assert.ok(r.mounted && !r.waiting, 'the app runs in the host');
        assert.ok(r.sameButton, 'the Start button is the prerendered node');
        assert.ok(r.sameH1, 'the h1 is the prerendered node');
        assert.equal(r.shift, 0, 'no layout shift');
        assert.ok(r.clickable !== null, 'the dsn:clickable mark');
        assert.ok(r.clickable < r.started, `dsn:clickable (${r.clickable}) before dsn:started (${r.started})`);
        await expectHeading(page, START_HEADING);
        await assertNoCsp(rec);
        assertClean(rec);
      }),
    ),
  );

  test(`prerendered, ${name}: Start pressed before the WebAssembly runs is not lost`, T, () =>
    open(url(), { inits: [holdWasm] }).then((rec) =>
      run(rec, async ({ page }) => {
        const startNow = button(page, 'Start now');
        await startNow.waitFor({ state: 'visible', timeout: 10_000 });
        await startNow.click();
        await page.waitForTimeout(400);
        assert.equal(await started(page), false, 'the app has not started yet');
        assert.equal(await headingText(page), START_HEADING, 'the first question is not shown yet');
        assert.equal(await page.locator('fieldset legend').count(), 0, 'no question yet');
        await page.evaluate(() => window.__release());
        await until(() => started(page), { timeout: 10_000, message: 'dsn:started' });
        await expectHeadingFocused(page, Q1.legend);
        assert.equal(norm(await page.locator('form fieldset > legend').textContent()), norm(Q1.legend), "the first question's legend");
        await assertNoCsp(rec);
        assertClean(rec);
      }),
    ),
  );

  test(`prerendered, ${name}: a record dropped before the WebAssembly runs opens once it does`, T, () =>
    open(url(), { inits: [holdWasm] }).then((rec) =>
      run(rec, async ({ page }) => {
        await button(page, 'Start now').waitFor({ state: 'visible', timeout: 10_000 });
        const drop = await page.evaluateHandle((t) => {
          const dt = new DataTransfer();
          dt.items.add(new File([t], 'record.html', { type: 'text/html' }));
          return dt;
        }, RECORD);
        await page.locator('.dsn-drop').dispatchEvent('drop', { dataTransfer: drop });
        await page.waitForTimeout(300);
        assert.equal(await started(page), false, 'the app has not started yet');
        await page.evaluate(() => window.__release());
        await until(() => page.locator('.dsn-main').getAttribute('data-page').then((p) => p === 'record'), {
          timeout: 10_000,
          message: 'the dropped record is open',
        });
        assertClean(rec);
      }),
    ),
  );
}

/** Runs in the page first: samples, every frame, what the host shows (after release). */
function sampleFrames() {
  window.__frames = [];
  const tick = () => {
    const main = document.querySelector('main');
    const sr = main?.shadowRoot;
    if (sr && window.__released) {
      const buttons = [...sr.querySelectorAll('button')];
      const visible = (el) => !!el && el.checkVisibility({ visibilityProperty: true });
      window.__frames.push({
        waiting: main.hasAttribute('data-dsn-waiting'),
        start: visible(buttons.find((b) => b.textContent.trim() === 'Start now')),
        continue: visible(buttons.find((b) => b.textContent.trim() === 'Continue where you left off')),
        heading: visible(sr.querySelector('h1#dsn-heading')) ? sr.querySelector('h1#dsn-heading').textContent.trim() : null,
      });
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** While the WebAssembly is held: the host is waiting and the start page is not shown. */
async function expectHeldBack(page) {
  const main = host(page);
  await until(async () => (await main.getAttribute('data-dsn-waiting')) !== null, { message: 'data-dsn-waiting on the host' });
  await page.waitForTimeout(200);
  assert.equal(await started(page), false, 'the app has not started yet');
  assert.equal(await main.getAttribute('data-dsn-waiting'), '', 'the host is waiting');
  assert.equal(await button(page, 'Start now').isVisible(), false, 'Start now is not visible while waiting');
  assert.equal(await page.locator('h1#dsn-heading').isVisible(), false, 'the prerendered heading is not visible while waiting');
}

for (const [name, url] of [
  ['navigator.html (file://)', () => singleFileUrl],
  ['index.html (served)', () => `${server.url}/index.html`],
]) {
  test(`prerendered, ${name}: kept answers open the start page offering to continue, never the prerendered one`, T, () =>
    open(url(), { inits: [holdWasm, sampleFrames, [seed, [[STORAGE_KEY, '2|2026-11-20T09:30|#/v2/q/triage-task?triage-who=staff']]]] }).then(
      (rec) =>
        run(rec, async ({ page }) => {
          await expectHeldBack(page);
          await page.evaluate(() => window.__release());
          await until(() => started(page), { timeout: 10_000, message: 'dsn:started' });
          const cont = button(page, 'Continue where you left off');
          await cont.waitFor({ state: 'visible', timeout: 10_000 });
          assert.equal(await button(page, 'Start now').count(), 0, 'no Start now');
          const frames = await page.evaluate(() => window.__frames);
          assert.ok(frames.length > 0, 'frames were sampled');
          const bad = frames.filter((f) => f.start);
          assert.deepEqual(bad, [], 'the prerendered Start now was never visible after the WebAssembly was released');
          await cont.click();
          await expectHeadingFocused(page, content.question('triage-task').text);
          await assertNoCsp(rec);
          assertClean(rec);
        }),
    ),
  );

  test(`prerendered, ${name}: a share link opens its result, never the prerendered start page`, T, () => {
    const result = resultStep(LINK_WALK);
    const link = addressOf('v2/outcome', LINK_WALK.answers);
    return open(`${url()}${link}`, { inits: [holdWasm, sampleFrames] }).then((rec) =>
      run(rec, async ({ page }) => {
        await expectHeldBack(page);
        await page.evaluate(() => window.__release());
        await until(() => started(page), { timeout: 10_000, message: 'dsn:started' });
        await expectHeading(page, result.heading);
        assert.equal(await page.locator('section.dsn-outcome').count(), 1, 'the result');
        const frames = await page.evaluate(() => window.__frames);
        assert.ok(frames.length > 0, 'frames were sampled');
        assert.deepEqual(
          frames.filter((f) => f.start || f.heading === START_HEADING),
          [],
          'the prerendered start page was never visible after the WebAssembly was released',
        );
        await assertNoCsp(rec);
        assertClean(rec);
      }),
    );
  });
}

// --- 2. A strict Content-Security-Policy -------------------------------------------------

for (const file of ['index.html', 'navigator.html']) {
  test(`strict CSP header: ${file} works, is styled, violates nothing`, T, () =>
    open(`${server.url}/${file}`).then((rec) =>
      run(rec, async ({ page }) => {
        const startNow = button(page, 'Start now');
        await startNow.waitFor({ timeout: 10_000 });
        await until(() => started(page), { timeout: 10_000, message: 'dsn:started' });
        assert.equal(await startNow.evaluate((b) => getComputedStyle(b).backgroundColor), NAV_GREEN, 'the Start button is green');
        await play(page, FIRST_WALK, { to: q2Index, axe: false });
        await expectHeadingFocused(page, Q2.legend);
        await assertNoCsp(rec);
        assertClean(rec);
      }),
    ),
  );
}

// --- 3. Several Navigators on one page ---------------------------------------------------

/** A host page served at `path`: `body` and the hostable build's two scripts at the end. */
function hostPage(path, body, { css = [] } = {}) {
  server.pages.set(
    path,
    `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Intranet page</title>
<link rel="icon" href="data:,">
${css.map((c) => `<link rel="stylesheet" href="${c}">`).join('\n')}
</head>
<body>
<h1>Our intranet</h1>
<p class="host-text">The host's own text.</p>
${body}
<script src="dsn-guard.js"></script>
<script type="module" src="dsn-start.js"></script>
</body>
</html>
`,
  );
  return `${server.url}${path}`;
}
const TWO = `<div data-sharing-navigator="a"></div>
<div data-sharing-navigator="b" data-audience="external" data-start="sharing" data-config="cfg-b"></div>
<script type="application/json" id="cfg-b">${CONFIG_B}</script>`;
const nav = (page, name) => page.locator(`[data-sharing-navigator="${name}"]`);
const kept = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
const ready = (page) => page.evaluate(() => window.DataSharingNavigator.ready);
const orgName = (scope) => scope.locator('.dsn-header__org').textContent().then(norm);

/** The step the sharing walk shows first after the triage (what b shows after Start now). */
const afterTriage = () => {
  const i = SHARING_WALK.steps.findIndex((s) => s.page === 'question' && s.question === 'triage-task');
  return { index: i + 1, step: SHARING_WALK.steps[i + 1] };
};
const stepHeading = (step) => (step.page === 'question' ? step.legend : step.heading);

test('several Navigators: each its own, with its own settings, answers and storage; each continues after a reload', T, () => {
  const url = hostPage('/two.html', TWO);
  return open(url).then((rec) =>
    run(rec, async ({ page }) => {
      const [a, b] = [nav(page, 'a'), nav(page, 'b')];
      await button(a, 'Start now').waitFor({ timeout: 10_000 });
      await button(b, 'Start now').waitFor({ timeout: 10_000 });
      assert.equal(await ready(page), true, 'DataSharingNavigator.ready');
      const roots = await page.evaluate(() =>
        [...document.querySelectorAll('[data-sharing-navigator]')].map((el) => ({
          name: el.getAttribute('data-sharing-navigator'),
          mounted: el.hasAttribute('data-dsn-mounted'),
          starts: [...(el.shadowRoot?.querySelectorAll('button') ?? [])].filter((x) => x.textContent.trim() === 'Start now').length,
        })),
      );
      assert.deepEqual(roots, [
        { name: 'a', mounted: true, starts: 1 },
        { name: 'b', mounted: true, starts: 1 },
      ], 'two shadow roots, each with its Start now');
      assert.equal(await orgName(a), norm(content.organisation.name), 'a: the built-in organisation');
      assert.equal(await orgName(b), OTHER_ORG, "b: its settings' organisation");
      assert.equal(await b.locator('.dsn-notice').count(), 0, 'b: no settings notice');

      // Answer the first question in a: b stays on its start page, nothing kept for it.
      await play(a, FIRST_WALK, { to: q2Index, axe: false });
      await expectHeadingFocused(a, Q2.legend);
      assert.equal(await headingText(b), START_HEADING, 'b still shows its start page');
      assert.equal(await button(b, 'Continue where you left off').count(), 0, 'b offers nothing to continue');
      assert.deepEqual(answersIn(await kept(page, `${STORAGE_KEY}@a`)), { [Q1.question]: FIRST_WALK.answers[Q1.question] }, 'a keeps its answer under its own key');
      assert.equal(await kept(page, `${STORAGE_KEY}@b`), null, 'nothing kept for b yet');
      assert.equal(await kept(page, STORAGE_KEY), null, 'nothing under the default key');

      // b: its preset skips the triage; it shows the sharing route's first page.
      const { index, step } = afterTriage();
      assert.equal(step.page, 'tasks', "the sharing route's task list follows the triage");
      await button(b, 'Start now').click();
      await expectHeadingFocused(b, stepHeading(step));
      const bHeading = await headingText(b);
      for (const q of TRIAGE_QUESTIONS) assert.notEqual(bHeading, norm(content.question(q).text), `b does not ask ${q}`);
      // Through the sharing route's first question, answered.
      const firstQ = SHARING_WALK.steps.findIndex((s, i) => i >= index && s.page === 'question');
      await play(b, SHARING_WALK, { from: index, to: firstQ + 1, axe: false });
      const bNext = SHARING_WALK.steps[firstQ + 1];
      await expectHeadingFocused(b, stepHeading(bNext));
      const bKept = answersIn(await kept(page, `${STORAGE_KEY}@b`));
      assert.equal(bKept['triage-who'], 'external', "b's preset audience is kept as an answer");
      assert.equal(bKept['triage-task'], 'sharing', "b's preset route is kept as an answer");
      const bQ = SHARING_WALK.steps[firstQ].question;
      assert.equal(bKept[bQ], SHARING_WALK.answers[bQ], "b keeps the answer given in it");
      assert.deepEqual(answersIn(await kept(page, `${STORAGE_KEY}@a`)), { [Q1.question]: FIRST_WALK.answers[Q1.question] }, "a's answers unchanged by b");
      assert.equal(await headingText(a), norm(Q2.legend), 'a still on its question');

      // After a reload, each continues its own answers: a at its question, b at its
      // route's task list (where a route with parts resumes), its first part in progress.
      await page.reload();
      await button(a, 'Continue where you left off').click({ timeout: 10_000 });
      await expectHeadingFocused(a, Q2.legend);
      await button(b, 'Continue where you left off').click();
      await expectHeadingFocused(b, step.heading);
      const part = await b.locator('li.dsn-task').first().evaluate((li) => [li.getAttribute('data-part'), li.getAttribute('data-status')]);
      assert.deepEqual(part, ['sharing', 'in-progress'], "b: the sharing part is in progress");
      assert.equal(await kept(page, `${STORAGE_KEY}@b`).then((k) => answersIn(k)[bQ]), SHARING_WALK.answers[bQ], "b's answer is still kept");
      assert.equal(await orgName(b), OTHER_ORG, "b: still its settings' organisation");
      assert.deepEqual(ours(rec, 'warning'), [], 'no console warning');
      await assertNoCsp(rec);
      assertClean(rec);
    }),
  );
});

test("several Navigators: b's preset answers are listed in check your answers", T, () => {
  const url = hostPage('/preset.html', TWO);
  return open(url).then((rec) =>
    run(rec, async ({ page }) => {
      const b = nav(page, 'b');
      await button(b, 'Start now').click({ timeout: 10_000 });
      const { index } = afterTriage();
      const check = SHARING_WALK.steps.findIndex((s) => s.page === 'check');
      const asked = questionSteps(SHARING_WALK).filter((s) => TRIAGE_QUESTIONS.includes(s.question));
      const ctx = await play(b, SHARING_WALK, { from: index, to: check, axe: false, ctx: { asked: [], lastPart: null } });
      assert.ok(ctx.asked.every((s) => !TRIAGE_QUESTIONS.includes(s.question)), 'no triage question was asked');
      await expectHeadingFocused(b, 'Check your answers');
      const rows = await b.locator('dl div[data-question]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-question')));
      for (const s of asked) assert.ok(rows.includes(s.question), `check your answers lists the preset ${s.question}`);
      for (const s of ctx.asked) assert.ok(rows.includes(s.question), `check your answers lists ${s.question}`);
      await assertNoCsp(rec);
      assertClean(rec);
    }),
  );
});

test('mount and unmount: a later element, twice, unmount keeps the answers, remount, bad arguments', T, () => {
  const url = hostPage('/mount.html', '<div data-sharing-navigator="a"></div>');
  return open(url).then((rec) =>
    run(rec, async ({ page }) => {
      const a = nav(page, 'a');
      await button(a, 'Start now').waitFor({ timeout: 10_000 });
      const mounted = await page.evaluate(async () => {
        const el = document.createElement('div');
        el.id = 'later';
        document.body.append(el);
        return DataSharingNavigator.mount(el, { name: 'later' });
      });
      assert.equal(mounted, true, 'mount() on a later element');
      const later = page.locator('#later');
      await play(later, FIRST_WALK, { to: q2Index, axe: false });
      await expectHeadingFocused(later, Q2.legend);
      const keptLater = await kept(page, `${STORAGE_KEY}@later`);
      assert.deepEqual(answersIn(keptLater), { [Q1.question]: FIRST_WALK.answers[Q1.question] }, 'kept under its name');

      const infosBefore = ours(rec, 'info').length;
      assert.equal(await page.evaluate(() => DataSharingNavigator.mount(document.getElementById('later'))), false, 'mount() twice: false');
      await until(() => ours(rec, 'info').length > infosBefore, { message: 'a console.info' });
      assert.equal(await headingText(later), norm(Q2.legend), 'the Navigator carries on');

      assert.equal(await page.evaluate(() => DataSharingNavigator.unmount(document.getElementById('later'))), true, 'unmount(): true');
      assert.equal(await later.evaluate((el) => el.shadowRoot?.querySelectorAll('button, h1, *').length ?? 0), 0, 'unmount() empties it');
      assert.equal(await kept(page, `${STORAGE_KEY}@later`), keptLater, 'its kept answers stay');

      assert.equal(await page.evaluate(() => DataSharingNavigator.mount(document.getElementById('later'), { name: 'later' })), true, 'mount() again');
      await button(later, 'Continue where you left off').click({ timeout: 10_000 });
      await expectHeadingFocused(later, Q2.legend);

      const errorsBefore = consoleErrors(rec).length;
      assert.equal(await page.evaluate(() => DataSharingNavigator.mount(null)), false, 'mount(null): false');
      assert.equal(await page.evaluate(() => DataSharingNavigator.mount('x')), false, "mount('x'): false");
      const errors = consoleErrors(rec).slice(errorsBefore);
      assert.equal(errors.length, 2, `a console error for each (${JSON.stringify(errors)})`);
      for (const e of errors) assert.ok(e.startsWith(PREFIX), `starts "${PREFIX}": ${e}`);
      // The page keeps working.
      await play(a, FIRST_WALK, { to: q2Index, axe: false });
      await expectHeadingFocused(a, Q2.legend);
      await fillAnswer(later, Q2);
      await button(later, 'Continue').click();
      await until(async () => (await headingText(later)) !== norm(Q2.legend), { message: 'the later Navigator moves on' });
      await assertNoCsp(rec);
      assertClean(rec, { consoleErrorsAllowed: true });
      assert.equal(consoleErrors(rec).length, 2, 'no other console error');
    }),
  );
});

test('an element removed mid-journey and put back carries on, with a console info', T, () => {
  const url = hostPage('/remove.html', '<section id="place"><div data-sharing-navigator="a"></div></section>');
  return open(url).then((rec) =>
    run(rec, async ({ page }) => {
      const a = nav(page, 'a');
      await play(a, FIRST_WALK, { to: q2Index, axe: false });
      await expectHeadingFocused(a, Q2.legend);
      await fillAnswer(a, Q2); // chosen, not yet continued
      await page.evaluate(() => {
        window.__el = document.querySelector('[data-sharing-navigator="a"]');
        window.__el.remove();
      });
      await until(() => ours(rec, 'info').some((m) => m.startsWith(`${PREFIX} its element was removed`)), { message: 'the console info' });
      await page.evaluate(() => document.getElementById('place').append(window.__el));
      assert.equal(await headingText(a), norm(Q2.legend), 'the same page');
      assert.deepEqual(answersIn(await kept(page, `${STORAGE_KEY}@a`)), { [Q1.question]: FIRST_WALK.answers[Q1.question] }, 'the same answers');
      await button(a, 'Continue').click();
      const next = FIRST_WALK.steps[q2Index + 1];
      await expectHeadingFocused(a, stepHeading(next));
      assert.equal(answersIn(await kept(page, `${STORAGE_KEY}@a`))[Q2.question], FIRST_WALK.answers[Q2.question], 'the new answer is kept');
      await assertNoCsp(rec);
      assertClean(rec);
    }),
  );
});

test('settings: a malformed block gives a working Navigator with the notice and a console warning; a missing one, a warning', T, () => {
  const url = hostPage(
    '/config.html',
    `<div data-sharing-navigator="c" data-config="cfg-bad"></div>
<script type="application/json" id="cfg-bad">{ "name": "Broken Trust", }</script>
<div data-sharing-navigator="d" data-config="cfg-missing"></div>`,
  );
  return open(url).then((rec) =>
    run(rec, async ({ page }) => {
      const [c, d] = [nav(page, 'c'), nav(page, 'd')];
      await button(c, 'Start now').waitFor({ timeout: 10_000 });
      await button(d, 'Start now').waitFor({ timeout: 10_000 });
      assert.equal(await c.locator('.dsn-notice[role=alert] li[data-notice="bad-config"]').count(), 1, 'c: the settings notice');
      assert.equal(await d.locator('.dsn-notice').count(), 0, 'd: no notice');
      assert.equal(await orgName(c), norm(content.organisation.name), 'c: the built-in settings');
      assert.equal(await orgName(d), norm(content.organisation.name), 'd: the built-in settings');
      const warnings = ours(rec, 'warning');
      assert.ok(warnings.some((w) => w.includes('cfg-missing')), `a warning about the missing block (${JSON.stringify(warnings)})`);
      assert.ok(
        warnings.some((w) => !w.includes('cfg-missing')),
        `a warning about the malformed block (${JSON.stringify(warnings)})`,
      );
      for (const n of [c, d]) {
        await play(n, FIRST_WALK, { to: q2Index, axe: false });
        await expectHeadingFocused(n, Q2.legend);
      }
      await assertNoCsp(rec);
      assertClean(rec);
    }),
  );
});

test('a host stylesheet that restyles everything does not change the Navigator', T, async () => {
  server.pages.set('/hostile.css', '* { color: red !important; font-size: 40px !important; display: block !important; margin: 30px !important; }\n');
  const look = async (url) => {
    const rec = await open(url);
    let style;
    await run(rec, async ({ page }) => {
      const a = nav(page, 'a');
      const startNow = button(a, 'Start now');
      await startNow.waitFor({ timeout: 10_000 });
      style = await startNow.evaluate((b) => {
        const s = getComputedStyle(b);
        return { color: s.color, fontSize: s.fontSize, background: s.backgroundColor, display: s.display };
      });
      style.h1 = await a.locator('h1#dsn-heading').evaluate((h) => getComputedStyle(h).fontSize);
      style.hostRed = await page.locator('p.host-text').evaluate((p) => getComputedStyle(p).color);
      await play(a, FIRST_WALK, { to: q2Index, axe: false });
      await expectHeadingFocused(a, Q2.legend);
      await assertNoCsp(rec);
      assertClean(rec);
    });
    return style;
  };
  const plain = await look(hostPage('/plain.html', '<div data-sharing-navigator="a"></div>'));
  const styled = await look(hostPage('/styled.html', '<div data-sharing-navigator="a"></div>', { css: ['hostile.css'] }));
  assert.equal(styled.hostRed, 'rgb(255, 0, 0)', 'the host stylesheet applies to the host page');
  assert.notEqual(styled.color, 'rgb(255, 0, 0)', 'the Start button text is not red');
  assert.equal(styled.color, plain.color, "the Start button's colour is the Navigator's");
  assert.equal(styled.fontSize, plain.fontSize, "the Start button's font size is the Navigator's");
  assert.equal(styled.h1, plain.h1, "the heading's font size is the Navigator's");
  assert.equal(styled.background, NAV_GREEN, 'the Start button is green');
});
