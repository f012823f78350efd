// End-to-end tests of the Navigator on host pages that get things wrong, from the corpus
// tests/corpus/host.json: each case says what the page looks like (`setup`) and what the
// person must see (`expect`). The page is built here from dist/navigator.html's pieces
// (its loading block, its guard <script> and its <script type="module">), as the README
// tells an intranet editor to do, and opened from file://.
//
// Messages are found by their kind (data-dsn-message="loading" | "cannot-start" |
// "noscript", set by www/build.mjs), never by wording. Every case also checks: no network
// request but the page's own files and data:/blob:, no page error and no CSP violation
// unless the case expects them (the host page's own).
//
// Run: node --test tests/e2e/host.test.mjs   (after www/scripts/build.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, singleFile, useBrowser, until, norm, button, loadContent, STORAGE_KEY } from './lib.mjs';

const cases = JSON.parse(readFileSync(join(root, 'tests', 'corpus', 'host.json'), 'utf8'));
const START_HEADING = 'Find out how to use or share health and care data';
// Every case opens over answers already kept on this computer; they must survive it.
const KEPT = '1|2026-11-20T09:30|#/q/triage-task?triage-who=staff';
const answersOf = (raw) => String(raw ?? '').replace(/^\d+\|[^|]*\|/, '').split('?')[1] ?? '';

function seedKept([key, value]) {
  try {
    if (!sessionStorage.getItem('dsn-host-seeded')) {
      sessionStorage.setItem('dsn-host-seeded', '1');
      localStorage.setItem(key, value);
    }
  } catch (e) {
    // A sandboxed frame has no storage: nothing to keep there.
  }
}
const PREFIX = 'Data Sharing Navigator:'; // every console message the Navigator writes
const message = (kind) => `[data-dsn-message="${kind}"]`;

// --- The pieces of dist/navigator.html -------------------------------------------------

function pieces() {
  const html = readFileSync(singleFile, 'utf8');
  const modules = html.match(/<script type="module">[\s\S]*?<\/script>/g) ?? [];
  assert.equal(modules.length, 1, 'dist/navigator.html has one <script type="module">');
  // The WebAssembly travels in a data block beside the module (README "Embedding").
  const data = html.match(/<template id="dsn-wasm">[\s\S]*?<\/template>/g) ?? [];
  assert.equal(data.length, 1, 'dist/navigator.html has one data block with the WebAssembly');
  const guards = html.match(/<script>[\s\S]*?<\/script>/g) ?? [];
  assert.equal(guards.length, 1, 'dist/navigator.html has one classic <script> (the guard)');
  const loading = html.match(/<!-- Data Sharing Navigator: loading message -->[\s\S]*?<!-- end of loading message -->/g) ?? [];
  assert.equal(loading.length, 1, 'dist/navigator.html has one loading block');
  return { module: `${modules[0]}\n${data[0]}`, guard: guards[0], loading: loading[0] };
}

const INIT = {
  'no-webassembly': () => {
    delete window.WebAssembly;
  },
  'instantiate-never-resolves': () => {
    WebAssembly.instantiate = () => new Promise(() => {});
    WebAssembly.instantiateStreaming = () => new Promise(() => {});
  },
};

// The host page's own scripts (placed in <head>, before the Navigator's).
const HOST_SCRIPTS = {
  throws: `<script>throw new Error('host page broke at load');</script>
<script>Promise.reject(new Error('host page rejected at load'));</script>`,
};

/** The host page for `setup`, in its own folder; returns its file URL and folder. */
function writeCase(dir, c, p) {
  const s = c.setup;
  const caseDir = join(dir, c.id);
  mkdirSync(caseDir, { recursive: true });
  if (s.page === 'single-file') {
    const file = join(caseDir, 'navigator.html');
    writeFileSync(file, readFileSync(singleFile));
    return { url: pathToFileURL(file).href, dir: caseDir };
  }
  const host = (h, i) => {
    const inner = { loading: p.loading, children: '<h2 class="host-child">The host\'s own section</h2><p class="host-child">Text the host had here.</p>' }[h.content] ?? '';
    const el = ['img', 'input', 'br'].includes(h.tag)
      ? `<${h.tag} id="data-sharing-navigator"${h.tag === 'img' ? ' alt="" src="data:,"' : ''}>`
      : `<${h.tag} id="data-sharing-navigator">${inner}</${h.tag}>`;
    // A shadow root of the host page's own, attached before the Navigator's script runs.
    const shadow = h.shadow
      ? `<script>(function () { var el = document.querySelectorAll('[id="data-sharing-navigator"]')[${i}];
  var p = document.createElement('p'); p.className = 'foreign'; p.textContent = "Someone else's widget";
  el.attachShadow({ mode: '${h.shadow}' }).appendChild(p); })();</script>`
      : '';
    return `${el}\n${shadow}\n<p>The host's paragraph after element ${i}.</p>`;
  };
  if (s.iframe) writeFileSync(join(caseDir, 'navigator.html'), readFileSync(singleFile));
  const scripts = Array.from({ length: s.scripts ?? 1 }, () => `${s.classicGuard ? p.guard : ''}\n${p.module}`).join('\n');
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
${s.csp ? `<meta http-equiv="Content-Security-Policy" content="${s.csp}">` : ''}
<title>Host page: ${c.id}</title>
${HOST_SCRIPTS[s.hostScript] ?? ''}
</head>
<body>
<header><p>Example Trust intranet</p></header>
<div class="host-content">
<h1>Host page</h1>
<p>The host's paragraph before the Navigator.</p>
${(s.hosts ?? []).map(host).join('\n')}
${s.iframe ? `<iframe sandbox="${s.iframe.sandbox}" src="navigator.html" title="Data Sharing Navigator" style="width:100%;height:700px"></iframe>` : ''}
${scripts}
</div>
<footer><p>Host footer</p></footer>
</body>
</html>
`;
  const file = join(caseDir, 'host.html');
  writeFileSync(file, html);
  return { url: pathToFileURL(file).href, dir: caseDir };
}

// --- What the page shows ----------------------------------------------------------------

/** Runs in the page (or frame): every Navigator drawn, and the messages shown. */
function inspect(kinds) {
  const hostEls = [...document.querySelectorAll('[id="data-sharing-navigator"]')];
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  const navigators = [...document.querySelectorAll('*')]
    .filter((el) => el.shadowRoot && el.shadowRoot.querySelector('.dsn'))
    .map((el) => {
      const app = el.shadowRoot.querySelector('.dsn');
      const h1 = el.shadowRoot.querySelector('h1#dsn-heading');
      return {
        visible: shown(el) && app.getBoundingClientRect().height > 0,
        heading: h1 ? h1.textContent.replace(/\s+/g, ' ').trim() : null,
        index: hostEls.indexOf(el),
        made: el.hasAttribute('data-dsn-host'),
        afterFirst: !!hostEls[0] && el.previousElementSibling === hostEls[0],
        last: el === document.body.lastElementChild,
      };
    });
  const messages = Object.fromEntries(
    kinds.map((k) => [k, [...document.querySelectorAll(`[data-dsn-message="${k}"]`)].filter(shown).length]),
  );
  return {
    navigators,
    messages,
    loadingBlocks: document.querySelectorAll('[data-dsn-loading]').length,
    foreign: hostEls.some((el) => el.shadowRoot && el.shadowRoot.querySelector('.foreign')),
    hostChildren: document.querySelectorAll('.host-child').length,
  };
}
const KINDS = ['loading', 'cannot-start', 'noscript', 'stopped'];

function recordCsp() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

async function runCase(browser, dir, c, p) {
  const e = c.expect;
  const { url, dir: caseDir } = writeCase(dir, c, p);
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, javaScriptEnabled: c.setup.javaScript !== false });
  try {
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    const consoleErrors = [];
    const warnings = [];
    const infos = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
      if (m.type() === 'warning' && m.text().startsWith(PREFIX)) warnings.push(m.text());
      if (m.type() === 'info' && m.text().startsWith(PREFIX)) infos.push(m.text());
    });
    await page.addInitScript(recordCsp);
    await page.addInitScript(seedKept, [STORAGE_KEY, KEPT]);
    if (c.setup.init) await page.addInitScript(INIT[c.setup.init]);
    const t0 = Date.now();
    await page.goto(url);
    const frame = async () => {
      if (!e.inFrame) return page.mainFrame();
      return until(() => page.frames().find((f) => f !== page.mainFrame()), { message: 'the iframe' });
    };
    const look = async () => (await frame()).evaluate(inspect, KINDS);
    // With JavaScript off, page.evaluate does not run: read the same through locators.
    const lookNoScript = async () => ({
      navigators: [],
      messages: Object.fromEntries(
        await Promise.all(KINDS.map(async (k) => [k, (await page.locator(message(k)).evaluateAll((els) => els.length)) && (await page.locator(message(k)).first().isVisible()) ? 1 : 0])),
      ),
    });
    const state = c.setup.javaScript === false ? lookNoScript : look;

    if (e.loadingAt) {
      await page.waitForTimeout(Math.max(0, e.loadingAt - (Date.now() - t0)));
      const s = await state();
      assert.equal(s.messages.loading, 1, `at ${e.loadingAt} ms the loading message is shown (${JSON.stringify(s.messages)})`);
      for (const kind of e.message ?? []) assert.equal(s.messages[kind], 0, `at ${e.loadingAt} ms no "${kind}" message yet`);
    }
    if (e.message) {
      const s = await until(
        async () => {
          const s = await state();
          return e.message.every((k) => s.messages[k] >= 1) && s;
        },
        { timeout: e.within + 500, interval: 100, message: `the message(s) ${e.message.join(', ')} within ${e.within} ms` },
      );
      assert.ok(Date.now() - t0 <= e.within + 1500, `shown within ${e.within} ms (took ${Date.now() - t0} ms)`);
      for (const kind of e.message) assert.equal(s.messages[kind], 1, `exactly one "${kind}" message shown`);
      assert.equal(s.messages.loading, 0, 'the loading message is no longer shown');
    }
    if (e.starts) {
      await until(async () => (await look()).navigators.some((n) => n.heading === START_HEADING), {
        timeout: 10_000,
        message: `the start page heading "${START_HEADING}"`,
      });
      if (e.info) await until(() => infos.length > 0, { message: 'a console.info from the second copy' });
      // Anything a second copy would draw has drawn by now.
      await page.waitForTimeout(300);
    }
    const s = await state();
    assert.equal(s.navigators.length, e.navigators, `${e.navigators} Navigator(s) drawn (${JSON.stringify(s.navigators)})`);
    if (e.starts) {
      const [nav] = s.navigators;
      assert.ok(nav.visible, `the Navigator is visible (${JSON.stringify(nav)})`);
      assert.equal(nav.heading, START_HEADING, 'it shows the start page');
      for (const k of KINDS) assert.equal(s.messages[k], 0, `no "${k}" message is shown`);
      assert.equal(s.loadingBlocks, 0, 'every loading block is removed');
      if (e.in === 'made') {
        assert.ok(nav.made && nav.afterFirst, `drawn in a new <div data-dsn-host> right after the first element with the id (${JSON.stringify(nav)})`);
      } else if (e.in === 'end') {
        assert.ok(nav.index === 0 && nav.last, `drawn in a new element with the id at the end of <body> (${JSON.stringify(nav)})`);
      } else {
        const i = Number(e.in.split(':')[1]);
        assert.ok(nav.index === i && !nav.made, `drawn in element ${i} with the id (${JSON.stringify(nav)})`);
      }
      if (e.foreignShadowKept) assert.ok(s.foreign, "the other script's shadow root is left as it was");
      if (e.hostChildrenKept) assert.equal(s.hostChildren, 2, "the host's own children are kept");
      if (e.walk) {
        const nav = (await frame()).locator('[data-dsn-mounted]');
        // The kept answers continue where they were left.
        await button(nav, 'Continue where you left off').click();
        const next = loadContent().question('triage-task').text;
        await until(async () => norm(await nav.locator('h1#dsn-heading').textContent()) === norm(next), { message: 'the kept question' });
        assert.ok(await button(nav, 'Continue').isVisible(), 'the question page works');
      }
    }
    assert.equal(warnings.length > 0, !!e.warn, `a console.warn for the page's author: ${e.warn ? 'expected' : 'not expected'} (${JSON.stringify(warnings)})`);
    assert.equal(infos.length > 0, !!e.info, `a console.info: ${e.info ? 'expected' : 'not expected'} (${JSON.stringify(infos)})`);

    if (c.setup.javaScript !== false && !e.inFrame) {
      const kept = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
      assert.equal(answersOf(kept), answersOf(KEPT), `the kept answers are still there (${kept})`);
    }
    // Nothing requested but the case's own files.
    const own = pathToFileURL(caseDir).href + '/';
    const others = requests.filter((r) => !r.startsWith(own) && !/^(data|blob):/.test(r));
    assert.deepEqual(others, [], 'no network request');
    // No page error but the host's own; no CSP violation unless the host's CSP blocks on purpose.
    const allowed = e.pageErrors ?? [];
    assert.deepEqual(errors.filter((m) => !allowed.some((a) => m.includes(a))), [], 'no page error');
    for (const a of allowed) assert.ok(errors.some((m) => m.includes(a)), `the host's own error "${a}" happened`);
    const cspConsole = consoleErrors.filter((m) => /Content Security Policy|Trusted Type/i.test(m));
    const otherConsole = consoleErrors.filter((m) => !cspConsole.includes(m) && !allowed.some((a) => m.includes(a)));
    assert.deepEqual(otherConsole, [], 'no console error');
    if (c.setup.javaScript !== false) {
      const violations = await page.evaluate(() => window.__cspViolations ?? []);
      if (e.inFrame) violations.push(...(await (await frame()).evaluate(() => window.__cspViolations ?? [])));
      if (e.cspBlocked) assert.ok(violations.length > 0 || cspConsole.length > 0, 'the host CSP blocked the scripts');
      else {
        assert.deepEqual(violations, [], 'no CSP violation');
        assert.deepEqual(cspConsole, [], 'no CSP message in the console');
      }
    }
  } finally {
    await context.close();
  }
}

// --- The tests --------------------------------------------------------------------------

const env = useBrowser();

test(`host corpus: ${cases.length} host pages`, { timeout: 120_000, concurrency: 4 }, async (t) => {
  assert.ok(cases.length >= 16, 'the corpus has at least 16 cases');
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'case ids are unique');
  const p = pieces();
  // The slow ones (a 10 s wait) first, so they overlap with the rest.
  const slow = (c) => (c.expect.within ?? 0) > 5000;
  const ordered = [...cases.filter(slow), ...cases.filter((c) => !slow(c))];
  await Promise.all(ordered.map((c) => t.test(`${c.id}: ${c.about}`, () => runCase(env.browser, env.tmp, c, p))));
});

test('the shipped CSP: the single file allows exactly its inline scripts and styles by hash, the hostable build nothing inline; both require Trusted Types', async () => {
  const { createHash } = await import('node:crypto');
  const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  for (const [file, hostable] of [['navigator.html', false], ['index.html', true]]) {
    const html = readFileSync(join(root, 'dist', file), 'utf8');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
    assert.ok(csp, `${file} has a CSP`);
    assert.ok(!csp.includes("'unsafe-inline'"), `${file}: no 'unsafe-inline'`);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    const scriptSrc = directives['script-src'];
    assert.ok(scriptSrc.includes("'wasm-unsafe-eval'"), `${file}: 'wasm-unsafe-eval' in script-src`);
    assert.equal(scriptSrc.includes("'self'"), hostable, `${file}: 'self' in script-src only where it loads its script files`);
    // Scripts that run (every inline <script> does: the data block is a <template>).
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      .filter((m) => !/\bsrc=/.test(m[1]))
      .map((m) => m[2]);
    const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    if (hostable) {
      assert.deepEqual([scripts.length, styles.length], [0, 0], `${file}: nothing inline`);
      assert.deepEqual(directives['style-src'], ["'self'"], `${file}: its own style sheets only`);
    } else {
      const unique = (xs) => [...new Set(xs)];
      assert.deepEqual(scriptSrc.filter((s) => s.startsWith("'sha256-")), unique(scripts).map(sha), `${file}: one hash per inline script`);
      assert.deepEqual(directives['style-src'], unique(styles).map(sha), `${file}: one hash per inline style`);
    }
    assert.deepEqual(directives['require-trusted-types-for'], ["'script'"], `${file}: Trusted Types required`);
    assert.deepEqual(directives['trusted-types'], ["'none'"], `${file}: no Trusted Types policy may be made`);
  }
});
