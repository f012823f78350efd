// End-to-end tests of the built single file, dist/navigator.html, opened from file://
// in headless Chromium, used the way a person would: by visible labels. What to click
// comes from the engine (`navigator walks`: walks that between them choose every answer
// of every question, by visible labels), so new content needs no edits here; a question's
// short name and error are read from src/content/*.toml by id.
//
// Every kind of page is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA rules) at least
// once, and every test asserts that nothing was requested except the file itself.
//
// Run: node --test tests/e2e/   (after www/scripts/build.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { join, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  root,
  singleFile,
  singleFileUrl,
  content as contentOf,
  walks,
  questionSteps,
  resultStep,
  hasTasks,
  findStep,
  answersIn,
  shownAnswers,
  choicesOf,
  addressOf,
  useBrowser,
  openPage,
  assertNoNetwork,
  assertNoErrors,
  until,
  focused,
  norm,
  headingText,
  expectHeadingFocused,
  axeCheck,
  saved,
  button,
  startNow,
  play,
  fillAnswer,
  expectQuestion,
  expectCheckAnswers,
  expectResult,
  checkRows,
  shortOf,
  taskRows,
} from './lib.mjs';

const content = contentOf();
const WALKS = walks();
const env = useBrowser();

const T = { timeout: 120_000 };

const digits = (s) => String(s ?? '').replace(/\D/g, '');

/** Today in the browser's time zone, `YYYY-MM-DD`, as the page works dates out. */
function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const longDate = (iso) => {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
};

/**
 * What the result shows beyond the walk's own step (heading, decisions, items, checked
 * by `play`): every item's text and source, contacts with working tel: and mailto:
 * links, dates or how to get them, and how old the content is.
 */
async function checkResultDetails(page, walk, { meetings = content.organisation.meetings ?? {} } = {}) {
  const org = content.organisation;
  const result = page.locator('section.dsn-outcome');

  for (const i of await result.locator('li[data-item]').evaluateAll((lis) =>
    lis.map((li) => ({
      id: li.getAttribute('data-item'),
      text: li.querySelector('.dsn-checklist__text')?.textContent.trim(),
      source: li.querySelector('.dsn-checklist__source')?.textContent.trim(),
    })),
  )) {
    assert.ok(i.text, `item ${i.id} has its text`);
    assert.match(i.source ?? '', /^Source: \S/, `item ${i.id} has its source`);
  }

  // Contacts, in the order to try them, with working tel: and mailto: links.
  const contacts = await result.locator('[data-contact]').evaluateAll((els) =>
    els.map((el) => ({
      role: el.getAttribute('data-contact'),
      hrefs: [...el.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    })),
  );
  assert.ok(contacts.length > 0, 'the result says who to contact');
  for (const c of contacts) {
    const data = org.contacts[c.role];
    assert.ok(data, `${c.role} is a contact of the organisation`);
    const tel = c.hrefs.filter((h) => h.startsWith('tel:'));
    const mail = c.hrefs.filter((h) => h.startsWith('mailto:'));
    const number = norm(data.phone) || (norm(data.extension) ? norm(org.switchboard) : '');
    if (number) {
      assert.equal(tel.length, 1, `${c.role}: one tel: link`);
      assert.match(tel[0], /^tel:\+\d{7,15}(;ext=\d+)?$/, `${c.role}: tel: link is RFC 3966`);
      const national = digits(number).replace(/^0/, '');
      assert.ok(digits(tel[0].split(';')[0]).endsWith(national), `${c.role}: tel: link dials ${number}`);
      if (norm(data.extension)) assert.ok(tel[0].endsWith(`;ext=${digits(data.extension)}`), `${c.role}: tel: link has the extension`);
    } else {
      assert.equal(tel.length, 0, `${c.role}: no tel: link without a number`);
    }
    if (norm(data.email)) {
      assert.deepEqual(mail, [`mailto:${norm(data.email)}`], `${c.role}: mailto: link`);
    } else {
      assert.equal(mail.length, 0, `${c.role}: no mailto: link without an email`);
    }
    assert.ok(c.hrefs.length > 0, `${c.role}: there is a way to reach them`);
  }

  // Dates: each row says something; a meeting without coming dates says once how to get them.
  const dates = await result.locator('[data-date]').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-date'), text: el.textContent.replace(/\s+/g, ' ').trim() })),
  );
  for (const d of dates) assert.ok(d.text.length > 0, `date ${d.id} says something`);
  const notes = await result.locator('[data-meeting-note]').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-meeting-note'), text: el.textContent.replace(/\s+/g, ' ').trim() })),
  );
  assert.equal(new Set(notes.map((n) => n.id)).size, notes.length, 'at most one note per meeting');
  for (const n of notes) {
    assert.ok(meetings[n.id], `the note is about a meeting of the organisation (${n.id})`);
    const cadence = norm(meetings[n.id]?.cadence);
    if (cadence) assert.ok(n.text.includes(cadence), `the note for ${n.id} gives its cadence (got "${n.text}")`);
  }

  // When the content the walk went through was last reviewed, and by whom; a warning
  // where that was more than a year ago.
  const reviews = await result.locator('[data-review]').evaluateAll((els) =>
    els.map((el) => ({
      ids: el.getAttribute('data-review').split(' '),
      text: el.textContent.replace(/\s+/g, ' ').trim(),
      warned: el.querySelector('[data-overdue]') !== null,
    })),
  );
  const reviewed = new Set(reviews.flatMap((r) => r.ids));
  for (const step of questionSteps(walk)) {
    const qn = content.questionnaireOf(step.question);
    assert.ok(reviewed.has(qn.id), `a review line covers ${qn.id} (asked ${step.question})`);
  }
  const yearAgo = (() => {
    const [y, m, d] = todayIso().split('-');
    return `${Number(y) - 1}-${m}-${d}`;
  })();
  for (const r of reviews) {
    for (const id of r.ids) {
      const qn = content.questionnaires.find((x) => x.id === id);
      assert.ok(qn, `the review line names a questionnaire (${id})`);
      if (!qn.reviewed) continue;
      assert.ok(r.text.includes(longDate(qn.reviewed)), `${id}: the review date is shown (got "${r.text}")`);
      assert.ok(r.text.includes(norm(qn.reviewed_by)), `${id}: who reviewed it is shown`);
      if (qn.law_checked) assert.ok(r.text.includes(longDate(qn.law_checked)), `${id}: when the law was checked is shown`);
      assert.equal(r.warned, qn.reviewed < yearAgo, `${id}: warned only when the review is more than a year old`);
    }
  }
  return { dates, notes, reviews };
}

/** The question's legend, as the engine's walks show it. */
const legendOf = (qid) => findStep((st) => st.page === 'question' && st.question === qid)?.step.legend ?? content.question(qid).text;

/** A short name for a walk: its route and its answers. */
const walkName = (walk, i) =>
  `${resultStep(walk)?.heading ?? '?'} [${i + 1}/${WALKS.length}: ${questionSteps(walk)
    .map((s) => (s.kind === 'text' ? 'text' : s.kind === 'date' ? s.date.join('/') : s.choose.join('+')).slice(0, 24))
    .join(' > ')}]`;

// --- Size ---------------------------------------------------------------------------

// A budget, so that the download does not grow unnoticed: a little above its size when
// this was written (188.1 KB gzip -9 from the pinned nightly, 208.5 KB from stable with
// DSN_STABLE=1; README "Where the bytes of the single file go"). Issue 7's target is 150 KB.
test('the single file stays within its size budget', () => {
  const built = join(root, 'target', 'release-toolchain.txt');
  const stable = existsSync(built) && readFileSync(built, 'utf8').trim() === 'stable';
  const budgetKB = stable ? 212 : 192;
  const kb = gzipSync(readFileSync(singleFile), { level: 9 }).length / 1024;
  assert.ok(kb <= budgetKB, `dist/navigator.html is ${kb.toFixed(1)} KB gzip -9, over its budget of ${budgetKB} KB (built with ${stable ? 'stable' : 'the pinned nightly'})`);
});

// --- Every walk the engine makes -------------------------------------------------------

// One test of all the walks, two at a time (each walk in its own page): most of a
// walk's time is spent waiting on the browser.
test(`every walk the engine makes (${WALKS.length}): start to result by visible labels, accessible, no network`, { timeout: 900_000, concurrency: 2 }, async (t) => {
 const runs = [];
 for (const [i, walk] of WALKS.entries()) {
  runs.push(t.test(`walk: ${walkName(walk, i)}`, T, async () => {
    const s = await openPage(env.browser);
    const { page } = s;
    await play(page, walk);
    assert.equal(resultStep(walk) !== undefined, true, 'the walk ends on a result');
    await checkResultDetails(page, walk);

    // The saved state holds the answers; the address names the page only, so the
    // browser's history never holds them.
    const hash = await page.evaluate(() => location.hash);
    assert.equal(hash, '#/outcome', 'the address names the page, not the answers');
    assert.deepEqual(answersIn(await saved(page)), walk.answers, 'the answers are saved in localStorage');

    // Start again forgets them, and the browser's Back cannot bring them back.
    await button(page, 'Start again').click();
    await button(page, 'Start now').waitFor();
    await until(async () => (await saved(page)) === null, { message: 'saved answers cleared' });
    await page.goBack();
    await until(async () => (await page.evaluate(() => location.hash)) !== '#/start', { message: 'Back moved' });
    await button(page, 'Start now').waitFor();
    assert.equal(await saved(page), null, 'Back after Start again saves nothing');

    assertNoNetwork(s);
    assertNoErrors(s);
    await s.context.close();
  }));
 }
 await Promise.all(runs);
});

// --- Errors, one kind of question at a time -----------------------------------------

/** The error summary and the question's own message say `message`; the summary links to `target`. */
async function expectError(page, message, target, where) {
  const summary = page.locator('div.dsn-error-summary[role=alert]');
  await summary.waitFor();
  const link = summary.locator('a[href]');
  assert.equal(await link.count(), 1, `${where}: the summary links to the question`);
  await until(async () => norm(await link.textContent()) === norm(message), { message: `${where}: the summary says "${message}" (says "${norm(await link.textContent())}")` });
  assert.equal(await link.getAttribute('href'), `#${target}`, `${where}: the summary links to #${target}`);
  const text = page.locator('fieldset p.dsn-error-message');
  assert.equal(await text.count(), 1, `${where}: the fieldset has an error message`);
  assert.equal(norm(await text.textContent()), norm(`Error: ${message}`), `${where}: the message`);
  const describedBy = (await page.locator('fieldset').getAttribute('aria-describedby')) ?? '';
  assert.ok(describedBy.split(/\s+/).includes(await text.getAttribute('id')), `${where}: the fieldset is described by its error`);
  await until(async () => (await focused(page))?.className.includes('dsn-error-summary'), { message: `${where}: focus on the error summary` });
}

/** Opens a page and follows the first walk that asks a `kind` question up to it. */
async function toFirstQuestionOfKind(kind) {
  const found = findStep((st) => st.page === 'question' && st.kind === kind);
  if (!found) return null;
  const s = await openPage(env.browser);
  await play(s.page, found.walk, { to: found.index, axe: false });
  await expectQuestion(s.page, found.step, { axe: false });
  return { s, ...found };
}

test('a radio question: Continue with nothing chosen shows an error summary; its link goes to the first radio', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  const walk = WALKS[0];
  await startNow(page);
  const [step] = questionSteps(walk);
  const q = content.question(step.question);
  await expectQuestion(page, step, { axe: false });
  await button(page, 'Continue').click();
  const first = `dsn-opt-${q.options[0].id}`;
  await expectError(page, q.error, first, step.question);
  assert.equal(await headingText(page), norm(step.legend), 'still on the same question');
  await axeCheck(page, 'a radio question with an error');

  await page.locator('div.dsn-error-summary a[href]').click();
  await until(async () => (await focused(page))?.id === first, { message: 'focus on the first radio' });

  // Choosing an answer and continuing moves on.
  await fillAnswer(page, step);
  assert.equal(await page.locator('div.dsn-error-summary').count(), 0, 'choosing clears the error');
  await button(page, 'Continue').click();
  await expectQuestion(page, questionSteps(walk)[1], { axe: false });
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('a checkbox question: an error with none ticked, "None" stands alone, then on', T, async (t) => {
  const at = await toFirstQuestionOfKind('choices');
  if (!at) return t.skip('no walk asks a checkbox question');
  const { s, walk, index, step } = at;
  const { page } = s;
  const q = content.question(step.question);
  await button(page, 'Continue').click();
  await expectError(page, q.error, `dsn-opt-${q.options[0].id}`, step.question);
  await axeCheck(page, 'a checkbox question with an error');

  // An exclusive option ("None of these") clears the others, and ticking another clears it.
  const exclusive = q.options.find((o) => o.exclusive);
  const others = q.options.filter((o) => !o.exclusive);
  const box = (o) => page.getByRole('checkbox', { name: norm(o.label), exact: true });
  if (exclusive && others.length >= 2) {
    await box(others[0]).check();
    await box(others[1]).check();
    await box(exclusive).check();
    await until(async () => !(await box(others[0]).isChecked()) && !(await box(others[1]).isChecked()), { message: `"${exclusive.label}" clears the others` });
    await box(others[0]).check();
    await until(async () => !(await box(exclusive).isChecked()), { message: `ticking another clears "${exclusive.label}"` });
    await box(others[0]).uncheck();
  }
  await fillAnswer(page, step);
  await button(page, 'Continue').click();
  await play(page, walk, { from: index + 1, axe: false, ctx: { asked: questionSteps(walk).filter((x, i) => walk.steps.indexOf(x) <= index), lastPart: null } });
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('a text question: an error when empty, and when longer than it allows', T, async (t) => {
  const at = await toFirstQuestionOfKind('text');
  if (!at) return t.skip('no walk asks a text question');
  const { s, walk, index, step } = at;
  const { page } = s;
  const q = content.question(step.question);
  await button(page, 'Continue').click();
  await expectError(page, q.error, 'dsn-text', `${step.question} empty`);

  // The page says how long an answer may be; one character more is refused.
  const hint = norm(await page.locator('.dsn-text-field .dsn-hint').textContent());
  const max = Number(hint.match(/Up to (\d+) characters/)?.[1]);
  assert.ok(max > 0, `the page says how many characters are allowed (says "${hint}")`);
  if (q.max_length) assert.equal(max, q.max_length, 'the limit is the content\'s max_length');
  const input = page.getByRole('textbox', { name: shortOf(step.question), exact: true });
  await input.fill('x'.repeat(max + 1));
  await button(page, 'Continue').click();
  await expectError(page, `${shortOf(step.question)} must be ${max} characters or fewer`, 'dsn-text', `${step.question} too long`);
  assert.equal(await input.inputValue(), 'x'.repeat(max + 1), 'what was typed is kept, to be corrected');
  await axeCheck(page, 'a text question with an error');

  await fillAnswer(page, step);
  await button(page, 'Continue').click();
  await play(page, walk, { from: index + 1, axe: false, ctx: { asked: walk.steps.slice(0, index + 1).filter((x) => x.page === 'question'), lastPart: null } });
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('a date question: errors when empty, without a month, not a real date, and in the future', T, async (t) => {
  const at = await toFirstQuestionOfKind('date');
  if (!at) return t.skip('no walk asks a date question');
  const { s, walk, index, step } = at;
  const { page } = s;
  const q = content.question(step.question);
  const short = shortOf(step.question);
  const field = (name) => page.getByRole('textbox', { name, exact: true });
  const enter = async (d, m, y) => {
    await field('Day').fill(d);
    await field('Month').fill(m);
    await field('Year').fill(y);
    await button(page, 'Continue').click();
  };
  const marked = () => page.locator('.dsn-date-input input.dsn-input--error').evaluateAll((els) => els.map((e) => e.id));

  await button(page, 'Continue').click();
  await expectError(page, q.error, 'dsn-date-day', `${step.question} empty`);

  await enter('12', '', '2020');
  await expectError(page, `${short} must include a month`, 'dsn-date-month', `${step.question} without a month`);
  assert.deepEqual(await marked(), ['dsn-date-month'], 'only the month is marked');
  await axeCheck(page, 'a date question with an error');

  await enter('31', '2', '2020');
  await expectError(page, `${short} must be a real date`, 'dsn-date-day', `${step.question} 31/2/2020`);

  if (q.not_future) {
    const next = new Date(Date.now() + 400 * 864e5);
    await enter(String(next.getDate()), String(next.getMonth() + 1), String(next.getFullYear()));
    await expectError(page, `${short} must be today or in the past (today is ${longDate(todayIso())})`, 'dsn-date-day', `${step.question} in the future`);
  }

  await fillAnswer(page, step);
  await button(page, 'Continue').click();
  await play(page, walk, { from: index + 1, axe: false, ctx: { asked: walk.steps.slice(0, index + 1).filter((x) => x.page === 'question'), lastPart: null } });
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

// --- Back, Change ---------------------------------------------------------------------

test('Back keeps the answer given', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  const walk = WALKS[0];
  const [q1, q2] = questionSteps(walk);
  const first = walk.steps.indexOf(q1);
  await play(page, walk, { to: first + 1, axe: false });
  await expectQuestion(page, q2, { axe: false });
  await fillAnswer(page, q2);
  await page.locator('a.dsn-back').click();

  await expectQuestion(page, q1, { axe: false });
  for (const label of q1.choose) {
    assert.ok(await page.getByRole('radio', { name: label, exact: true }).isChecked(), `"${label}" is still selected`);
  }
  // Continue again without touching anything: the kept answer is used.
  await button(page, 'Continue').click();
  await expectQuestion(page, q2, { axe: false });

  // Back from the first question goes to the start page.
  await page.locator('a.dsn-back').click();
  await expectHeadingFocused(page, q1.legend);
  await page.locator('a.dsn-back').click();
  await button(page, 'Continue where you left off').waitFor();
  await axeCheck(page, 'the start page with saved answers');

  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('Back from a part goes to the task list, which shows the part in progress', T, async (t) => {
  const walk = WALKS.find((w) => {
    const i = w.steps.findIndex((st) => st.page === 'tasks');
    return i >= 0 && w.steps[i + 1]?.page === 'question' && w.steps[i + 2]?.page === 'question';
  });
  if (!walk) return t.skip('no walk has a part of two questions or more');
  const i = walk.steps.findIndex((st) => st.page === 'tasks');
  const tasks = walk.steps[i];
  const s = await openPage(env.browser);
  const { page } = s;
  const ctx = await play(page, walk, { to: i + 2, axe: false });
  await expectQuestion(page, walk.steps[i + 2], { axe: false });
  await page.locator('a.dsn-back').click();
  await expectQuestion(page, walk.steps[i + 1], { axe: false });
  await page.locator('a.dsn-back').click();
  await expectHeadingFocused(page, tasks.heading);
  const row = (await taskRows(page)).find((r) => r.name === norm(tasks.click));
  assert.deepEqual([row?.status, row?.statusText], ['in-progress', 'In progress'], `"${tasks.click}" is in progress`);
  // Opening it again carries on where it was left: at the question not yet answered.
  await page.getByRole('link', { name: tasks.click, exact: true }).click();
  await play(page, walk, { from: i + 2, axe: false, ctx: { asked: ctx.asked, lastPart: tasks.click } });
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('Change on check your answers keeps the answers that still apply', T, async (t) => {
  // A walk through a task list; the last question it asks is changed to the same answer
  // and then to another one (for radios).
  const walk = WALKS.find((w) => hasTasks(w) && questionSteps(w).at(-1).kind === 'choice');
  if (!walk) return t.skip('no walk through a task list ends with a radio question');
  const s = await openPage(env.browser);
  const { page } = s;
  const check = walk.steps.findIndex((st) => st.page === 'check');
  const ctx = await play(page, walk, { to: check, axe: false });
  await expectCheckAnswers(page, ctx.asked, { axe: false });
  const before = await checkRows(page);

  const last = questionSteps(walk).at(-1);
  const change = () => page.getByRole('link', { name: `Change ${shortOf(last.question)}`, exact: true }).click();
  // 1. Change, keep the same answer: back on check your answers, nothing else changed.
  await change();
  await expectHeadingFocused(page, last.legend);
  assert.ok(await page.getByRole('radio', { name: last.choose[0], exact: true }).isChecked(), 'the current answer is selected');
  await axeCheck(page, 'a question reached by Change');
  await button(page, 'Continue').click();
  await expectHeadingFocused(page, 'Check your answers');
  assert.deepEqual(await checkRows(page), before, 'the same answers');

  // 2. Change to another answer: the answers before it are kept, the new one is shown.
  const q = content.question(last.question);
  const other = q.options.find((o) => norm(o.label) !== norm(last.choose[0]));
  await change();
  await expectHeadingFocused(page, last.legend);
  await page.getByRole('radio', { name: norm(other.label), exact: true }).check();
  await button(page, 'Continue').click();
  // Whatever the new answer leads to (more questions, or the task list), it ends on
  // check your answers or the task list; every answer before the changed one is kept.
  await until(async () => ['check', 'tasks'].includes(await page.locator('.dsn-main').getAttribute('data-page')) || (await page.locator('.dsn-main').getAttribute('data-page')).startsWith('question:'), { message: 'a page after the change' });
  const hash = answersIn(await saved(page));
  assert.equal(hash[last.question], other.id, 'the new answer is kept');
  for (const step of questionSteps(walk).slice(0, -1)) {
    assert.equal(hash[step.question], walk.answers[step.question], `the answer to ${step.question} is kept`);
  }
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

// --- Bad input: links, saved state -------------------------------------------------

async function expectNotice(page, where) {
  const notice = page.locator('div.dsn-notice[role=alert]');
  await notice.first().waitFor();
  assert.ok(norm(await notice.first().textContent()).length > 20, `${where}: the notice explains the problem`);
  assert.equal(await page.locator('h1#dsn-heading').count(), 1, `${where}: the page has a heading (not blank)`);
  await axeCheck(page, where);
  return notice;
}

// [what, address, the question its usable answers continue at (none: nothing usable)]
const TAMPERED = [
  ['an unknown question', '#/q/no-such-question', null],
  ['an unknown page', '#/no-such-page?triage-who=staff', null],
  ['bogus answer ids', '#/check?triage-who=staff&triage-task=no-such-option&no-such-question=yes', 'triage-task'],
  ['a broken escape', '#/q/triage-task?triage-who=%ZZ', null],
];
for (const [name, hash, continuesAt] of TAMPERED) {
  test(`a tampered address (${name}) gives a clear message and a way back to the start`, T, async () => {
    const s = await openPage(env.browser, { url: singleFileUrl + hash });
    const { page } = s;
    const notice = await expectNotice(page, `the page for ${hash}`);
    await notice.getByRole('button', { name: 'Go to the start page', exact: true }).click();
    // The start page keeps whatever the link had that could be used.
    const go = continuesAt ? 'Continue where you left off' : 'Start now';
    await button(page, go).waitFor();
    assert.equal(await page.locator('div.dsn-notice').count(), 0, 'the notice is gone');
    await button(page, go).click();
    await expectHeadingFocused(page, legendOf(continuesAt ?? questionSteps(WALKS[0])[0].question));
    assertNoNetwork(s);
    assertNoErrors(s);
    await s.context.close();
  });
}

test('a corrupted saved state gives a clear message and a way back to the start', T, async () => {
  const s = await openPage(env.browser, {
    init: (key) => localStorage.setItem(key, '{"this is": not what the Navigator saves %%'),
    initArg: 'data-sharing-navigator',
  });
  const { page } = s;
  const notice = await expectNotice(page, 'the start page with corrupted saved state');
  await notice.getByRole('button', { name: 'Go to the start page', exact: true }).click();
  assert.equal(
    await page.evaluate(() => localStorage.getItem('data-sharing-navigator:unreadable')),
    '{"this is": not what the Navigator saves %%',
    'the unreadable state is still kept aside',
  );
  await startNow(page);
  await expectHeadingFocused(page, questionSteps(WALKS[0])[0].legend);
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('saved answers offer "Continue where you left off"', T, async () => {
  const [q1, q2] = questionSteps(WALKS[0]);
  const s = await openPage(env.browser, {
    init: ([key, value]) => localStorage.setItem(key, value),
    initArg: ['data-sharing-navigator', `#/q/${q2.question}?${q1.question}=${encodeURIComponent(WALKS[0].answers[q1.question])}`],
  });
  const { page } = s;
  await button(page, 'Start again').waitFor();
  await button(page, 'Continue where you left off').click();
  await expectQuestion(page, q2, { axe: false });
  await page.locator('a.dsn-back').click();
  await expectQuestion(page, q1, { axe: false });
  for (const label of q1.choose) assert.ok(await page.getByRole('radio', { name: label, exact: true }).isChecked(), `"${label}" is selected`);
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

// --- Organisation settings in the page -----------------------------------------------

function withConfig(name, configText) {
  const html = readFileSync(singleFile, 'utf8');
  const tag = `<script type="application/json" id="navigator-config">${configText}</script>`;
  assert.ok(html.includes('<body>'));
  const file = join(env.tmp, name);
  writeFileSync(file, html.replace('<body>', () => `<body>\n${tag}`));
  return pathToFileURL(file).href;
}


/** Opens the result of each walk in turn (by its address, in one page) until `pred(page)` holds; the walk, or null. */
async function findResult(url, pred) {
  let s = null;
  const seen = new Set();
  for (const walk of WALKS) {
    const key = JSON.stringify(walk.answers);
    if (seen.has(key)) continue;
    seen.add(key);
    const address = addressOf('outcome', walk.answers);
    if (s) await s.page.evaluate((h) => { location.hash = h; }, address);
    else s = await openPage(env.browser, { url: `${url}${address}` });
    const { heading } = resultStep(walk);
    const sorted = (a) => JSON.stringify(Object.entries(a).sort());
    await until(async () => sorted(await shownAnswers(s.page)) === sorted(choicesOf(walk.answers)) && (await headingText(s.page)) === norm(heading), { message: `the result "${heading}"` });
    if (await pred(s.page)) return { s, walk };
  }
  await s?.context.close();
  return null;
}

test('organisation settings in the page set the meeting dates', T, async (t) => {
  // Every meeting about 200 days ahead: always the next one, and within the five years
  // the settings accept.
  const meeting = new Date(Date.now() + 200 * 864e5).toISOString().slice(0, 10);
  const config = { meetings: Object.fromEntries(Object.keys(content.organisation.meetings ?? {}).map((id) => [id, { dates: [meeting] }])) };
  const url = withConfig('navigator-config.html', JSON.stringify(config));
  const meetings = Object.fromEntries(Object.entries(content.organisation.meetings).map(([id, m]) => [id, { ...m, ...config.meetings[id] }]));
  const rules = [...content.dateRules.values()];
  const rows = (page) => page.locator('section.dsn-outcome [data-date]').evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-date'), text: el.textContent.replace(/\s+/g, ' ').trim() })));
  let checked = 0;
  for (const kind of ['next_meeting', 'agenda_deadline']) {
    const ids = new Set(rules.filter((r) => r.kind === kind).map((r) => r.id));
    if (ids.size === 0) continue;
    const found = await findResult(url, async (page) => (await rows(page)).some((r) => ids.has(r.id)));
    assert.ok(found, `a result shows a ${kind} date`);
    const { s, walk } = found;
    const { page } = s;
    await expectResult(page, resultStep(walk), { opened: true, axe: false });
    await checkResultDetails(page, walk, { meetings });
    assert.equal(await page.locator('div.dsn-notice[role=alert]').count(), 0, 'a valid configuration gives no notice');
    for (const row of (await rows(page)).filter((r) => ids.has(r.id))) {
      const rule = content.dateRules.get(row.id);
      const expected = kind === 'next_meeting' ? meeting : new Date(Date.parse(`${meeting}T12:00:00Z`) - rule.days_before * 86_400_000).toISOString().slice(0, 10);
      assert.ok(row.text.includes(longDate(expected)), `${row.id}: ${longDate(expected)} is shown (got "${row.text}")`);
      checked++;
    }
    if (kind === 'next_meeting') await axeCheck(page, 'a result with configured dates');
    assertNoNetwork(s);
    assertNoErrors(s);
    await s.context.close();
  }
  if (checked === 0) t.skip('the content has no meeting dates');
});

test('where no meeting dates are set, the dates are not listed and the meeting says once how to get them', T, async (t) => {
  const undated = Object.entries(content.organisation.meetings ?? {}).filter(([, m]) => !(m.dates ?? []).some((d) => d >= todayIso()));
  if (undated.length === 0) return t.skip('every meeting has coming dates in the content');
  const found = await findResult(singleFileUrl, async (page) => (await page.locator('section.dsn-outcome [data-meeting-note]').count()) > 0);
  assert.ok(found, 'a result says how to get the dates of a meeting');
  const { s, walk } = found;
  const { page } = s;
  const { dates, notes } = await checkResultDetails(page, walk);
  const names = new Set(undated.map(([id]) => id));
  for (const n of notes) assert.ok(names.has(n.id), `the note is for a meeting without dates (${n.id})`);
  for (const d of dates) {
    const rule = content.dateRules.get(d.id);
    assert.ok(!rule?.meeting || !names.has(rule.meeting), `no date row for a meeting without dates (${d.id})`);
  }
  await axeCheck(page, 'a result whose dates cannot be worked out');
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

for (const [name, text] of [
  ['malformed JSON', '{"meetings": {"rd_governance_group": '],
  ['an unknown meeting', '{"meetings": {"no_such_meeting": {"dates": ["2099-01-01"]}}}'],
]) {
  test(`organisation settings with ${name} give a notice and the Navigator still works`, T, async () => {
    const url = withConfig(`navigator-bad-config-${name.replace(/\W+/g, '-')}.html`, text);
    const s = await openPage(env.browser, { url });
    const { page } = s;
    await expectNotice(page, `the start page with ${name} in the settings`);
    const [q1, q2] = questionSteps(WALKS[0]);
    await play(page, WALKS[0], { to: WALKS[0].steps.indexOf(q1) + 1, axe: false });
    await expectQuestion(page, q2, { axe: false });
    assertNoNetwork(s);
    assertNoErrors(s);
    await s.context.close();
  });
}

// --- The loader: never a blank page --------------------------------------------------

test('a browser without WebAssembly gets a plain-English message, not a blank page', T, async () => {
  const s = await openPage(env.browser, { init: () => { delete window.WebAssembly; } });
  const { page } = s;
  const msg = page.locator('[data-dsn-message="cannot-start"]');
  await until(() => msg.isVisible(), { message: 'the failure message' });
  assert.match(await msg.textContent(), /could not start/i);
  assert.match(await msg.textContent(), /answers kept in this browser are not lost/i);
  assert.match(await msg.textContent(), /reload the page/i);
  assert.equal(await page.locator('[data-dsn-message="loading"]').count(), 0, 'the loading message is gone');
  assertNoNetwork(s);
  await s.context.close();
});

test('a crash after start (a WebAssembly trap) shows a message instead of a dead page', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  await button(page, 'Start now').waitFor();
  await page.evaluate(() => {
    window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable'), message: 'unreachable' }));
  });
  const alert = page.locator('[role=alert]', { hasText: /reload the page/i });
  await alert.first().waitFor();
  assert.ok(await alert.first().isVisible(), 'the message is visible');
  assertNoNetwork(s);
  await s.context.close();
});

// --- The hostable build (dist/index.html) over HTTP ----------------------------------

test('the hostable build (dist/index.html) works from a web server with no other requests', T, async () => {
  const dist = join(root, 'dist');
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    if (path.includes('..')) return res.writeHead(400).end();
    try {
      const body = readFileSync(join(dist, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    const s = await openPage(env.browser, { url: `${origin}/` });
    const { page } = s;
    await startNow(page);
    await expectHeadingFocused(page, questionSteps(WALKS[0])[0].legend);
    const foreign = s.requests.filter((r) => !r.startsWith(`${origin}/`) && !/^(data|blob):/.test(r));
    assert.deepEqual(foreign, [], 'only its own files are requested');
    const files = [...new Set(s.requests.map((r) => new URL(r).pathname))].sort();
    assert.deepEqual(
      files,
      ['/', '/dsn-guard.js', '/dsn-start.js', '/navigator.css', '/navigator.js', '/navigator_bg.wasm', '/style.css'],
      'exactly its own files (no inline script or style: the loader and the styles are files)',
    );
    assertNoErrors(s);
    await s.context.close();
  } finally {
    server.close();
  }
});
