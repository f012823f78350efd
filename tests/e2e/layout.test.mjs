// Layout of the built single file, dist/navigator.html, from file:// in headless
// Chromium (issue 7): on a desktop the text keeps a readable line length, the GOV.UK
// two-thirds column (640 px of a 960 px page); at 320 CSS px wide nothing needs scrolling
// sideways. Every kind of page of the engine's longest walk is looked at (the start page,
// each kind of question, the task list, check your answers, the result with its share
// link), plus a date question from the first walk that has one.
//
// Run: node --test tests/e2e/layout.test.mjs   (after www/scripts/build.sh)
// LAYOUT_SHOTS=/some/dir also saves a full-page screenshot of each page looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  walks,
  questionSteps,
  useBrowser,
  openPage,
  assertNoNetwork,
  assertNoErrors,
  until,
  norm,
  headingText,
  button,
  play,
} from './lib.mjs';

const env = useBrowser();
const T = { timeout: 180_000 };
const SHOTS = process.env.LAYOUT_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

// The two-thirds column: 640 px, with some room for rounding; and not so narrow that the
// column is no longer the page's.
const COLUMN_MAX = 660;
const COLUMN_MIN = 400;

const WALKS = walks();
const LONGEST = WALKS.reduce((a, b) => (questionSteps(b).length > questionSteps(a).length ? b : a));
const DATED = WALKS.find((w) => w.steps.some((s) => s.kind === 'date'));

/** The walk with each typed answer made one long word (an id, say: nowhere to break it),
 *  wherever the walk shows it (check your answers, the result's decisions). */
function withLongWords(walk) {
  let json = JSON.stringify(walk);
  for (const step of questionSteps(walk).filter((st) => st.kind === 'text')) {
    const word = 'REF' + '0123456789ABCDEFGHIJ'.repeat(4) + step.question.replace(/\W/g, '');
    json = json.split(JSON.stringify(step.text).slice(1, -1)).join(word);
  }
  return JSON.parse(json);
}

/** The heading a step's page shows (null for the start page: its button is waited for). */
function headingOf(step) {
  if (step.page === 'question') return step.legend;
  if (step.page === 'check') return 'Check your answers';
  if (step.page === 'start') return null;
  return step.heading;
}

/** The name of a step's kind of page: start, question:<kind>, tasks, check, outcome. */
const kindOf = (step) => (step.page === 'question' ? `question:${step.kind}` : step.page);

async function arrive(page, step) {
  if (step.page === 'start') {
    await button(page, step.click).waitFor();
    return;
  }
  await until(async () => (await headingText(page)) === norm(headingOf(step)), { message: `the page "${headingOf(step)}"` });
  if (step.page === 'outcome') await page.locator('#dsn-share-link').waitFor();
}

// Screenshots of the whole page, in slices of 1200 px to be read one at a time.
let shot = 0;
async function screenshot(page, name) {
  if (!SHOTS) return;
  const width = page.viewportSize().width;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const base = `${width}-${String(++shot).padStart(2, '0')}-${name.replace(/[^\w-]+/g, '_')}`;
  for (let y = 0, n = 1; y < height; y += 1200, n++) {
    const clip = { x: 0, y, width, height: Math.min(1200, height - y) };
    await page.screenshot({ path: join(SHOTS, `${base}-${n}.png`), fullPage: true, clip });
  }
}

/**
 * What sticks out on the right at this viewport: the page's scroll width, and every
 * element in the Navigator's shadow root (that is drawn) whose box ends past the
 * viewport's right edge.
 */
async function overflow(page) {
  return page.evaluate(() => {
    const root = document.getElementById('data-sharing-navigator').shadowRoot;
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > width + 0.5) {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} right=${Math.round(r.right)} "${(el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, out };
  });
}

/** What does not fit at 320 px on this page, as lines. */
async function misfits(page, where) {
  const { scrollWidth, width, out } = await overflow(page);
  assert.equal(width, 320, 'the viewport is 320 px wide');
  const found = out.map((o) => `${where}: ${o}`);
  if (scrollWidth > width) found.unshift(`${where}: the page is ${scrollWidth} px wide (scrolls sideways)`);
  return found;
}

/** The widths of the page's text blocks: paragraphs, legends, headings, list items, hints. */
async function textWidths(page) {
  return page.evaluate(() => {
    const main = document.getElementById('data-sharing-navigator').shadowRoot.querySelector('.dsn-main');
    return [...main.querySelectorAll('p, legend, h1, h2, li, dl, .dsn-hint')]
      .map((el) => ({ tag: el.tagName.toLowerCase(), width: el.getBoundingClientRect().width, text: el.textContent.replace(/\s+/g, ' ').trim().slice(0, 40) }))
      .filter((x) => x.width > 0);
  });
}

/** Where this page's text leaves the two-thirds column at 1280 px, as lines. */
async function offColumn(page, where) {
  const blocks = await textWidths(page);
  assert.ok(blocks.length > 0, `${where}: has text`);
  const found = blocks.filter((b) => b.width > COLUMN_MAX).map((b) => `${where}: ${b.tag} ${Math.round(b.width)} px wide "${b.text}"`);
  const widest = Math.max(...blocks.map((b) => b.width));
  if (widest < COLUMN_MIN) found.push(`${where}: the text column is ${Math.round(widest)} px, narrower than ${COLUMN_MIN} px`);
  return found;
}

/** Fails with the first lines of what was found, if anything was. */
function expectNone(found, what) {
  const more = found.length > 20 ? `\n  … and ${found.length - 20} more` : '';
  assert.equal(found.length, 0, `${found.length} found ${what}:\n  ${found.slice(0, 20).join('\n  ')}${more}`);
}

/**
 * Follows `walk` step by step at this viewport width, calling `look(page, where, step)`
 * on each page before acting on it (it returns what is wrong there, as lines); on the
 * result, also with the typed answers in the share link (its longest form). Returns the
 * kinds of page looked at and all that was found wrong.
 */
async function walkAt(width, walk, look, { to = walk.steps.length } = {}) {
  const s = await openPage(env.browser);
  const { page } = s;
  await page.setViewportSize({ width, height: 800 });
  const seen = [];
  const found = [];
  let ctx;
  for (let i = 0; i < to; i++) {
    const step = walk.steps[i];
    await arrive(page, step);
    const where = `${kindOf(step)} "${headingOf(step) ?? 'start'}"`;
    found.push(...(await look(page, where, step)));
    await screenshot(page, kindOf(step));
    seen.push(kindOf(step));
    ctx = await play(page, walk, { from: i, to: i + 1, ctx, axe: false });
    if (step.page === 'outcome') {
      const typed = page.getByLabel('Include my typed answers in the link', { exact: true });
      if ((await typed.count()) === 1) {
        const before = await page.locator('#dsn-share-link').inputValue();
        await typed.check();
        await until(async () => (await page.locator('#dsn-share-link').inputValue()) !== before, { message: 'the longer share link' });
        found.push(...(await look(page, `${where}, with the typed answers in the link`, step)));
        await screenshot(page, 'outcome-typed');
      }
    }
  }
  assertNoErrors(s);
  assertNoNetwork(s);
  await s.context.close();
  return { seen, found };
}

test('at 320 px wide, no page of the longest walk (its typed answers one long word) scrolls sideways or has anything past the right edge', T, async () => {
  const { seen, found } = await walkAt(320, withLongWords(LONGEST), misfits);
  expectNone(found, 'past the right edge at 320 px');
  for (const kind of ['start', 'question:choice', 'check', 'outcome']) assert.ok(seen.includes(kind), `a ${kind} page was looked at`);
});

test('at 320 px wide, a date question fits', T, async (t) => {
  if (!DATED) return t.skip('no walk has a date question');
  const at = DATED.steps.findIndex((s) => s.kind === 'date');
  const { seen, found } = await walkAt(320, DATED, async (page, where, step) => (step.kind === 'date' ? misfits(page, where) : []), { to: at + 1 });
  expectNone(found, 'past the right edge at 320 px');
  assert.ok(seen.includes('question:date'));
});

test('at 1280 px wide, the start page, questions, the task list, check your answers and the result keep to the two-thirds column', T, async () => {
  const { seen, found } = await walkAt(1280, LONGEST, offColumn);
  expectNone(found, 'outside the two-thirds column at 1280 px');
  for (const kind of ['start', 'question:choice', 'tasks', 'check', 'outcome']) assert.ok(seen.includes(kind), `a ${kind} page was looked at`);
});
