// Helpers for the end-to-end tests: the walks the engine makes (`navigator walks`, so
// the tests follow what the engine decides instead of working routes out again), a
// little of the content (a question's short name and error, the organisation), the
// browser, accessibility checks and a few waits.
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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

// --- The engine's walks ---------------------------------------------------------------

let walksOnce;
/**
 * The walks the engine makes (`navigator walks`: src/engine/paths.rs `cover` and
 * `clicks`): between them they choose every answer of every question, each as the steps
 * a person takes, by visible labels. Run once per test file; new content needs no test
 * edits. Each walk is `{ answers: {question: answer}, steps: [...] }`, a step one of
 *   {page: 'start', click}
 *   {page: 'question', question, legend, kind: choice|choices|text|date, choose: [labels], text, date: [d, m, y]}
 *   {page: 'tasks', heading, click: part title | 'Check your answers and get your result'}
 *   {page: 'check', click: 'Continue'}
 *   {page: 'outcome', heading, decisions: [titles], items: [ids]}
 */
export function walks() {
  walksOnce ??= JSON.parse(
    execFileSync('cargo', ['run', '-q', '--bin', 'navigator', '--', 'walks'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  assert.ok(Array.isArray(walksOnce) && walksOnce.length > 0, 'the engine gives walks');
  return walksOnce;
}

export const CHECK_ANSWERS_TASK = 'Check your answers and get your result';

/** The question steps of a walk. */
export const questionSteps = (walk) => walk.steps.filter((s) => s.page === 'question');
/** The walk's result step. */
export const resultStep = (walk) => walk.steps.find((s) => s.page === 'outcome');
/** Whether the walk goes through a task list. */
export const hasTasks = (walk) => walk.steps.some((s) => s.page === 'tasks');

/** The first walk (and the index of its step) where `pred(step)` holds, or null. */
export function findStep(pred) {
  for (const walk of walks()) {
    const i = walk.steps.findIndex(pred);
    if (i >= 0) return { walk, index: i, step: walk.steps[i] };
  }
  return null;
}

/** An address or saved form's answers, decoded: `{question: answer}`. */
export function answersIn(fragment) {
  const query = String(fragment ?? '').replace(/^\d+\|[^|]*\|/, '').split('?')[1] ?? '';
  return Object.fromEntries(
    query
      .split('&')
      .filter(Boolean)
      .map((p) => p.split('=').map(decodeURIComponent)),
  );
}

/** The answers the result page shows, from its share link (typed answers are left out
 *  of it unless ticked: compare with `choicesOf`). */
export async function shownAnswers(page) {
  const link = page.locator('#dsn-share-link');
  if ((await link.count()) === 0) return {};
  return answersIn(await link.inputValue());
}

/** The answers without typed ones (what a share link holds unless ticked). */
export const choicesOf = (answers) =>
  Object.fromEntries(Object.entries(answers).filter(([q]) => content().question(q)?.kind !== 'text'));

/** An address for these answers: `#/<page>?q=a&…`. */
export const addressOf = (page, answers) =>
  `#/${page}?${Object.entries(answers)
    .map(([q, a]) => `${encodeURIComponent(q)}=${encodeURIComponent(a)}`)
    .join('&')}`;

// --- Content (what the walks do not say about a question: its short name, error,
// options; the organisation's contacts and meetings; review dates) -----------------------

export function loadContent() {
  const dir = join(root, 'src', 'content');
  const questionnaires = [];
  let organisation = null;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.toml')).sort()) {
    const data = parseToml(readFileSync(join(dir, f), 'utf8'));
    if (data.contacts || data.meetings) organisation = data;
    if (data.questions || data.routes || data.decisions) questionnaires.push({ ...data, file: f });
  }
  assert.ok(organisation, 'src/content has an organisation file');
  const questions = new Map();
  const owner = new Map();
  for (const qn of questionnaires) {
    for (const q of qn.questions ?? []) {
      questions.set(q.id, q);
      owner.set(q.id, qn);
    }
  }
  // Every date rule anywhere in the content (routes, decisions), by id.
  const dateRules = new Map();
  const collect = (x) => {
    if (Array.isArray(x)) return x.forEach(collect);
    if (x && typeof x === 'object') {
      for (const d of Array.isArray(x.dates) ? x.dates : []) if (d && d.id && d.kind && !dateRules.has(d.id)) dateRules.set(d.id, d);
      for (const [k, v] of Object.entries(x)) if (k !== 'dates') collect(v);
    }
  };
  questionnaires.forEach(collect);
  return {
    organisation,
    questionnaires,
    questions,
    dateRules,
    question(id) {
      const q = questions.get(id);
      assert.ok(q, `content has question ${id}`);
      return q;
    },
    option(qid, oid) {
      const o = (this.question(qid).options ?? []).find((o) => o.id === oid);
      assert.ok(o, `question ${qid} has option ${oid}`);
      return o;
    },
    /** The questionnaire (file) a question belongs to. */
    questionnaireOf(id) {
      const qn = owner.get(id);
      assert.ok(qn, `content has ${id} in a questionnaire`);
      return qn;
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
export const content = () => (sharedContent ??= loadContent());

// axe runs once per kind of page in a test file (the page types differ, not the pages of
// one type), unless a test asks for every page (`axe: 'all'`) or none (`axe: false`).
const axedInFile = new Set();
async function axeOnce(scope, type, opts) {
  if (opts.axe === false) return;
  const axed = opts.axed ?? axedInFile;
  if (opts.axe !== 'all' && axed.has(type)) return;
  axed.add(type);
  await axeCheck(pageOf(scope), opts.where ? `${type} (${opts.where})` : type);
}

/** The short name of a question: the text input's label, the Change link's name. */
export const shortOf = (qid) => norm(content().question(qid).short);

/** On a question page: gives the step's answer (by visible labels), without Continue. */
export async function fillAnswer(scope, step) {
  switch (step.kind) {
    case 'choice':
      for (const label of step.choose) await scope.getByRole('radio', { name: label, exact: true }).check();
      break;
    case 'choices': {
      for (const label of step.choose) await scope.getByRole('checkbox', { name: label, exact: true }).check();
      const checked = await scope.locator('input[type=checkbox]:checked').evaluateAll((els) =>
        els.map((el) => (el.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim()),
      );
      assert.deepEqual(checked.sort(), step.choose.map(norm).sort(), `${step.question}: exactly the chosen boxes are ticked`);
      break;
    }
    case 'text':
      await scope.getByRole('textbox', { name: shortOf(step.question), exact: true }).fill(step.text);
      break;
    case 'date':
      for (const [i, name] of ['Day', 'Month', 'Year'].entries()) {
        await scope.getByRole('textbox', { name, exact: true }).fill(step.date[i]);
      }
      break;
    default:
      assert.fail(`${step.question}: unknown kind ${step.kind}`);
  }
}

/** On a question page: its heading, its controls for its kind, axe (once per kind). */
export async function expectQuestion(scope, step, opts = {}) {
  await expectHeadingFocused(scope, step.legend);
  // The question is the legend of the fieldset, and is the page's h1.
  assert.equal(await scope.locator('form fieldset > legend h1#dsn-heading').count(), 1, `${step.question}: the h1 is in the fieldset's legend`);
  assert.equal(await scope.locator('div.dsn-error-summary').count(), 0, `${step.question}: no error yet`);
  const q = content().question(step.question);
  const ids = (q.options ?? []).map((o) => o.id);
  const count = (sel) => scope.locator(sel).count();
  if (step.kind === 'choice') {
    const values = await scope.locator(`input[type=radio][name="${step.question}"]`).evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(values, ids, `${step.question}: one radio per option, named by ids`);
  } else if (step.kind === 'choices') {
    const values = await scope.locator(`input[type=checkbox][name="${step.question}"]`).evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(values, ids, `${step.question}: one checkbox per option, named by ids`);
  } else if (step.kind === 'text') {
    assert.equal(await scope.getByRole('textbox', { name: shortOf(step.question), exact: true }).count(), 1, `${step.question}: a text input labelled "${shortOf(step.question)}"`);
  } else if (step.kind === 'date') {
    for (const name of ['Day', 'Month', 'Year']) {
      assert.equal(await scope.getByRole('textbox', { name, exact: true }).count(), 1, `${step.question}: a ${name} input`);
    }
    assert.equal(await count('input[type=radio], input[type=checkbox]'), 0);
  }
  await axeOnce(scope, `a ${step.kind} question`, opts);
}

/** The rows of the task list: part id, status id, name, status text, whether a link. */
export async function taskRows(scope) {
  return scope.locator('li.dsn-task').evaluateAll((lis) =>
    lis.map((li) => ({
      part: li.getAttribute('data-part'),
      status: li.getAttribute('data-status'),
      name: (li.querySelector('.dsn-task__name')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      statusText: (li.querySelector('.dsn-task__status')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      link: !!li.querySelector('.dsn-task__name a[href]'),
    })),
  );
}

/** The rows of check your answers: question id and the answer shown. */
export async function checkRows(scope) {
  return scope.locator('dl div[data-question]').evaluateAll((rows) =>
    rows.map((r) => ({
      question: r.getAttribute('data-question'),
      value: (r.querySelector('dd')?.textContent || '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** Check your answers shows every question asked (given as walk steps), each answer as given. */
export async function expectCheckAnswers(scope, asked, opts = {}) {
  await expectHeadingFocused(scope, 'Check your answers');
  const rows = await checkRows(scope);
  assert.deepEqual(rows.map((r) => r.question).sort(), asked.map((s) => s.question).sort(), 'check your answers lists every question asked');
  for (const step of asked) {
    const { value } = rows.find((r) => r.question === step.question);
    const shown = step.kind === 'text' ? [step.text] : step.kind === 'date' ? [step.date[2]] : step.choose;
    for (const s of shown) assert.ok(value.includes(norm(s)), `${step.question}: the answer "${s}" is shown (got "${value}")`);
    // Its Change link is named by the question's short name (only its text is shown).
    const change = scope.locator(`dl div[data-question="${step.question}"] a[href]`);
    assert.equal(await change.count(), 1, `${step.question}: one Change link`);
    assert.equal(norm(await change.textContent()), `Change ${shortOf(step.question)}`, `${step.question}: "Change ${shortOf(step.question)}"`);
  }
  // One heading per part (and the triage), each over its answers.
  const parts = await scope.locator('dl.dsn-summary[data-part]').count();
  assert.equal(await scope.locator('h2').count(), parts, 'an h2 per part');
  await axeOnce(scope, 'check your answers', opts);
}

/** The result: the route's heading, each part's decision, the checklist items in order. */
export async function expectResult(scope, step, { opened = false, ...opts } = {}) {
  if (opened) {
    await until(async () => (await headingText(scope)) === norm(step.heading), { message: `the heading "${step.heading}"` });
  } else {
    await expectHeadingFocused(scope, step.heading);
  }
  assert.equal(await scope.locator('section.dsn-outcome').count(), 1, 'one result');
  const decisions = await scope.locator('section.dsn-part[data-part][data-decision] h3').evaluateAll((hs) =>
    hs.map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
  );
  assert.deepEqual(decisions, step.decisions.map(norm), "each part's decision");
  const items = await scope.locator('li[data-item]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')));
  assert.deepEqual(items, step.items, 'the checklist items, in order');
  await axeOnce(scope, 'the result', opts);
}

/**
 * Follows a walk's steps `from`…`to` (exclusive) by visible labels, checking every page
 * on the way. `ctx` carries what earlier steps did (the questions asked, the part last
 * opened); pass the one returned to carry on. `onStep(step)` runs after each step.
 */
export async function play(scope, walk, { from = 0, to = walk.steps.length, ctx = { asked: [], lastPart: null }, ...opts } = {}) {
  for (const step of walk.steps.slice(from, to)) {
    switch (step.page) {
      case 'start':
        await button(scope, step.click).waitFor();
        await axeOnce(scope, 'the start page', opts);
        await startNow(scope);
        break;
      case 'question':
        await expectQuestion(scope, step, opts);
        await fillAnswer(scope, step);
        await button(scope, 'Continue').click();
        ctx.asked.push(step);
        break;
      case 'tasks': {
        await expectHeadingFocused(scope, step.heading);
        const rows = await taskRows(scope);
        assert.equal(rows.at(-1)?.name, CHECK_ANSWERS_TASK, 'the task list ends with checking the answers');
        if (ctx.lastPart) {
          const row = rows.find((r) => r.name === norm(ctx.lastPart));
          assert.ok(row, `the task list has "${ctx.lastPart}"`);
          assert.deepEqual([row.status, row.statusText], ['completed', 'Completed'], `"${ctx.lastPart}", just answered, is completed`);
        }
        await axeOnce(scope, 'the task list', opts);
        await scope.getByRole('link', { name: step.click, exact: true }).click();
        ctx.lastPart = step.click === CHECK_ANSWERS_TASK ? null : step.click;
        break;
      }
      case 'check':
        await expectCheckAnswers(scope, ctx.asked, opts);
        await button(scope, step.click).click();
        break;
      case 'outcome':
        await expectResult(scope, step, opts);
        break;
      default:
        assert.fail(`unknown step ${JSON.stringify(step)}`);
    }
    await opts.onStep?.(step);
  }
  return ctx;
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
