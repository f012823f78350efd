// Helpers for the end-to-end tests: the content (read from src/content/*.toml, so the
// tests find questions and answers by id and click them by their current wording),
// the browser, accessibility checks and a few waits.
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, after } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const singleFile = join(root, 'dist', 'navigator.html');
export const singleFileUrl = pathToFileURL(singleFile).href;
export const STORAGE_KEY = 'data-sharing-navigator';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// --- Routes (by answer ids; the questions asked and the outcome come from the content) ---

// The three project routes, by answer ids. The questions asked and the outcome come
// from the content's routing.
export const ROUTES = [
  {
    name: 'clinical audit',
    outcome: 'clinical-audit',
    answers: {
      'triage-who': 'staff',
      'triage-task': 'project',
      'project-randomised': 'no',
      'project-change-care': 'no',
      'project-generalisable': 'no',
      'project-standard': 'yes',
    },
  },
  {
    name: 'research',
    outcome: 'research',
    answers: {
      'triage-who': 'external',
      'triage-task': 'project',
      'project-randomised': 'yes',
      'project-consent': 'no',
    },
  },
  {
    name: 'service evaluation',
    outcome: 'service-evaluation',
    answers: {
      'triage-who': 'staff',
      'triage-task': 'project',
      'project-randomised': 'no',
      'project-change-care': 'no',
      'project-generalisable': 'no',
      'project-standard': 'no',
    },
  },
];

// --- Content ---------------------------------------------------------------------

export function loadContent() {
  const dir = join(root, 'src', 'content');
  const questionnaires = [];
  let organisation = null;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.toml')).sort()) {
    const data = parseToml(readFileSync(join(dir, f), 'utf8'));
    if (data.contacts || data.meetings) organisation = data;
    if (data.questions || data.outcomes) questionnaires.push({ ...data, file: f });
  }
  assert.ok(organisation, 'src/content has an organisation file');
  const questions = new Map();
  const outcomes = new Map();
  const owner = new Map();
  for (const qn of questionnaires) {
    for (const q of qn.questions ?? []) questions.set(q.id, q);
    for (const o of qn.outcomes ?? []) outcomes.set(o.id, o);
    for (const x of [...(qn.questions ?? []), ...(qn.outcomes ?? [])]) owner.set(x.id, qn);
  }
  const entry = questionnaires.find((q) => q.entry);
  assert.ok(entry, 'one questionnaire is the entry point');
  return {
    organisation,
    questions,
    outcomes,
    start: entry.start,
    question(id) {
      const q = questions.get(id);
      assert.ok(q, `content has question ${id}`);
      return q;
    },
    option(qid, oid) {
      const o = this.question(qid).options.find((o) => o.id === oid);
      assert.ok(o, `question ${qid} has option ${oid}`);
      return o;
    },
    outcome(id) {
      const o = outcomes.get(id);
      assert.ok(o, `content has outcome ${id}`);
      return o;
    },
    /** The questionnaire (file) a question or outcome belongs to. */
    questionnaireOf(id) {
      const qn = owner.get(id);
      assert.ok(qn, `content has ${id} in a questionnaire`);
      return qn;
    },
    /** The questions asked for these answers, in order, and the outcome reached. */
    walk(answers) {
      const path = [];
      let id = this.start;
      while (questions.has(id)) {
        assert.ok(answers[id], `the route answers question ${id}`);
        path.push([id, answers[id]]);
        id = this.option(id, answers[id]).next;
        assert.ok(path.length < 100, 'the route ends');
      }
      return { path, outcome: this.outcome(id) };
    },
    /** The checklist items an outcome shows for these answers (its `when` rules). */
    expectedItems(outcomeId, answers) {
      return this.outcome(outcomeId)
        .checklist.filter((item) =>
          Object.entries(item.when ?? {}).every(([q, allowed]) =>
            [].concat(allowed).includes(answers[q]),
          ),
        )
        .map((i) => i.id);
    },
  };
}

// --- Browser ---------------------------------------------------------------------

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('Chromium not found: run .ci/setup, or set CHROMIUM to its path');
}

export async function launch() {
  if (!existsSync(singleFile)) throw new Error(`${singleFile} is missing: run www/scripts/build.sh first`);
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * One browser and one temporary directory for a test file, made before its tests and
 * removed after them: `const env = useBrowser()`, then `env.browser`, `env.tmp`.
 */
export function useBrowser() {
  const env = { browser: null, tmp: null };
  before(async () => {
    env.tmp = mkdtempSync(join(tmpdir(), 'dsn-e2e-'));
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    if (env.tmp) rmSync(env.tmp, { recursive: true, force: true });
  });
  return env;
}

/**
 * A fresh context and page (own localStorage) that records every request, console
 * error and page error. `init` runs in the page before its own scripts.
 */
export async function openPage(browser, { url = singleFileUrl, init, initArg } = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('websocket', (ws) => requests.push(ws.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  if (init) await page.addInitScript(init, initArg);
  await page.goto(url);
  return { context, page, requests, errors, url };
}

/** Nothing but the page's own file (and data:/blob: URLs) was requested. */
export function assertNoNetwork({ requests, url }) {
  const own = url.split('#')[0];
  const others = requests.filter((r) => r.split('#')[0] !== own && !/^(data|blob):/.test(r));
  assert.deepEqual(others, [], `the page made requests:\n  ${others.join('\n  ')}`);
}

export function assertNoErrors({ errors }) {
  assert.deepEqual(errors, [], `the page reported errors:\n  ${errors.join('\n  ')}`);
}

/** Polls `fn` (in Node) until it returns a truthy value; throws the last failure. */
export async function until(fn, { timeout = 5000, interval = 25, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = new Error(`timed out waiting for ${message}`);
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw last;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The focused element, looking inside (open) shadow roots. */
export async function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      className: typeof el.className === 'string' ? el.className : '',
      text: (el.textContent || '').trim().replace(/\s+/g, ' '),
      // The Navigator's elements live in a shadow root; a host page's do not.
      inShadow: el.getRootNode() instanceof ShadowRoot,
    };
  });
}

export const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

// The helpers below take a `scope`: the Page, or a Locator within it (the Navigator's
// host element, on a page that has markup of its own with the same ids and classes).
const pageOf = (scope) => (typeof scope.page === 'function' ? scope.page() : scope);

export const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** The main heading (h1#dsn-heading) text, normalised. */
export async function headingText(scope) {
  const h = scope.locator('h1#dsn-heading');
  if ((await h.count()) !== 1) return null;
  return norm(await h.textContent());
}

/**
 * Waits until the main heading says `text` and has keyboard focus (the Navigator moves
 * focus to it after every step).
 */
export async function expectHeadingFocused(scope, text) {
  await until(async () => (await headingText(scope)) === norm(text), {
    message: `the heading "${text}" (now "${await headingText(scope).catch(() => '?')}")`,
  });
  await until(
    async () => {
      const f = await focused(pageOf(scope));
      return f && f.id === 'dsn-heading' && f.inShadow;
    },
    { message: `focus on the heading "${text}"` },
  );
}

export async function startNow(scope) {
  const start = button(scope, 'Start now');
  await start.waitFor();
  assert.ok(await start.isEnabled(), '"Start now" is enabled');
  await start.click();
}

let sharedContent;
const content = () => (sharedContent ??= loadContent());

/** On a question page: check it, optionally run axe, choose the answer by its label, Continue. */
export async function answer(scope, qid, oid, { axe = true } = {}) {
  const q = content().question(qid);
  await expectHeadingFocused(scope, q.text);
  // The question is the legend of the fieldset, and is the page's h1.
  assert.equal(await scope.locator('form fieldset > legend h1#dsn-heading').count(), 1, `${qid}: the h1 is in the fieldset's legend`);
  const values = await scope.locator(`input[type=radio][name="${qid}"]`).evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(values, q.options.map((o) => o.id), `${qid}: one radio per option, named by ids`);
  if (axe) await axeCheck(pageOf(scope), `question ${qid}`);
  const radio = scope.getByRole('radio', { name: content().option(qid, oid).label, exact: true });
  await radio.check();
  assert.ok(await radio.isChecked());
  await button(scope, 'Continue').click();
}

/** From the start page through every question of the route; ends on check your answers. */
export async function walkRoute(scope, answers, opts) {
  const { path } = content().walk(answers);
  await startNow(scope);
  for (const [qid, oid] of path) await answer(scope, qid, oid, opts);
  await expectHeadingFocused(scope, 'Check your answers');
  return path;
}

/** Runs axe-core on the whole page (including the app's open shadow root). */
export async function axeCheck(page, where) {
  const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
  if (!hasAxe) await page.evaluate(axeSource);
  const result = await page.evaluate(
    async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
      }));
    },
    AXE_TAGS,
  );
  if (result.length) {
    const text = result
      .map(
        (v) =>
          `  [${v.impact}] ${v.id}: ${v.help}\n` +
          v.nodes.map((n) => `      at ${JSON.stringify(n.target)}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`).join('\n'),
      )
      .join('\n');
    console.log(`axe-core violations on ${where}:\n${text}`);
  }
  assert.equal(result.length, 0, `axe-core found ${result.length} accessibility violation(s) on ${where}: ${result.map((v) => v.id).join(', ')}`);
}

/** The location part of the saved state in localStorage (`1|<saved at>|<location>`). */
export async function saved(page) {
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  return raw == null ? raw : raw.replace(/^\d+\|[^|]*\|/, '');
}
