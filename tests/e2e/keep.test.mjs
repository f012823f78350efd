// Keep, share and hand over (issue 6), in headless Chromium from file://, by visible
// labels: the record file (downloaded, read with no Navigator, opened back read-only,
// with differences, continued from), the share link (typed answers left out unless
// ticked), the email draft, the calendar file, print, and keeping answers on this
// computer (turn off, delete, Start again, a bookmark of the start page, Back).
// Every page type is checked with axe; no test makes a network request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  singleFileUrl,
  walks,
  questionSteps,
  resultStep,
  hasTasks,
  answersIn,
  choicesOf,
  useBrowser,
  openPage,
  assertNoNetwork,
  assertNoErrors,
  until,
  norm,
  headingText,
  expectHeadingFocused,
  axeCheck,
  saved,
  button,
  play,
  shortOf,
  STORAGE_KEY,
} from './lib.mjs';

const WALKS = walks();
const env = useBrowser();
const T = { timeout: 120_000 };

const page_ = (page) => page.locator('.dsn-main').getAttribute('data-page');
const keeping = (page) => page.locator('.dsn-main').getAttribute('data-keeping');
const RECORD_NAME = /^data-sharing-navigator-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-\d{4}\.html$/;

/** A walk with a typed answer, a walk with dates, and one through a task list. */
const TEXT_WALK = WALKS.find((w) => questionSteps(w).some((s) => s.kind === 'text'));
const DATED_WALK = WALKS.find((w) => questionSteps(w).some((s) => s.kind === 'date')) ?? WALKS[0];
const TASK_WALK = WALKS.find(hasTasks) ?? WALKS[0];

/** Each session made no request and reported no error; then it is closed. */
async function finish(...sessions) {
  for (const x of sessions) {
    assertNoNetwork(x);
    assertNoErrors(x);
    await x.context.close();
  }
}

/** Plays `walk` to its result in a fresh page; the page's session. */
async function toResult(walk, opts = {}) {
  const s = await openPage(env.browser, opts);
  await play(s.page, walk, { axe: false });
  await until(async () => (await page_(s.page)) === 'outcome', { message: 'the result' });
  return s;
}

/** Clicks the record's download link; the file's path and suggested name. */
async function downloadRecord(page, name = 'record.html') {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download a record of this result', exact: true }).click(),
  ]);
  const file = join(env.tmp, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  await download.saveAs(file);
  return { file, suggested: download.suggestedFilename() };
}

/** Chooses `file` with "Open a saved record" on the start page. */
async function openRecord(page, file) {
  await page.getByLabel('Open a saved record', { exact: true }).setInputFiles(file);
}

test('the record: downloaded with a name that says what and when, readable with no Navigator, opened back read-only, continued from', T, async () => {
  const walk = TEXT_WALK ?? TASK_WALK;
  const s = await toResult(walk);
  const { page } = s;
  const heading = await headingText(page);
  const { file, suggested } = await downloadRecord(page);
  assert.match(suggested, RECORD_NAME, 'the file name says what it is and when');

  // Read in a browser with no Navigator: the facts are in its text, nothing runs, no request.
  const html = readFileSync(file, 'utf8');
  assert.match(html, /<script type="application\/json" id="data-sharing-navigator-record">/, 'the machine-readable block');
  const r = await openPage(env.browser, { url: pathToFileURL(file).href });
  const text = norm(await r.page.locator('body').innerText());
  assert.ok(text.includes(norm(heading)), 'the route');
  for (const step of questionSteps(walk)) {
    const shown = step.kind === 'text' ? step.text : step.kind === 'date' ? step.date[2] : step.choose[0];
    assert.ok(text.includes(norm(shown)), `the answer "${shown}"`);
  }
  for (const item of await page.locator('li[data-item] .dsn-checklist__text').allTextContents()) {
    assert.ok(text.includes(norm(item)), `the checklist item "${norm(item).slice(0, 40)}…"`);
  }
  assert.equal(await r.page.locator('script:not([type="application/json"])').count(), 0, 'no script in the record');
  await axeCheck(r.page, 'the record file, opened with no Navigator');
  assertNoNetwork(r);
  await r.context.close();

  // Opened back into a fresh Navigator: read-only, made today, nothing differs.
  const o = await openPage(env.browser);
  await openRecord(o.page, file);
  await until(async () => (await page_(o.page)) === 'record', { message: 'the record page' });
  assert.equal(await headingText(o.page), norm(heading));
  assert.equal(await o.page.locator('[data-differences="none"]').count(), 1, 'nothing differs');
  assert.equal(await o.page.locator('input[type=radio], input[type=checkbox]').count(), 0, 'read-only: no answers to change');
  assert.equal(await saved(o.page), null, 'opening a record saves nothing');
  await axeCheck(o.page, 'a record opened read-only');
  await button(o.page, 'Continue from this record').click();
  await until(async () => (await page_(o.page)) === 'outcome', { message: 'the result from the record' });
  assert.equal(await headingText(o.page), norm(heading), 'the same result');
  await until(async () => JSON.stringify(answersIn(await saved(o.page))) === JSON.stringify(answersIn(await saved(page))), { message: 'the same answers kept' });
  await finish(s, o);
});

test('a record made with other content says what differs; a bad file is refused and nothing is lost', T, async () => {
  const walk = TASK_WALK;
  const s = await toResult(walk);
  const { file } = await downloadRecord(s.page);
  await s.context.close();

  // Tamper with what the record says was asked and answered, as if the content changed.
  const html = readFileSync(file, 'utf8');
  const m = html.match(/(<script type="application\/json" id="data-sharing-navigator-record">)([\s\S]*?)(<\/script>)/);
  const block = JSON.parse(m[2]);
  block.questions[0].text = 'A question worded differently once';
  block.route.title = 'A route that was called something else';
  const changed = join(env.tmp, 'changed.html');
  writeFileSync(changed, html.replace(m[0], () => m[1] + JSON.stringify(block).replace(/</g, '\\u003c') + m[3]));

  const o = await openPage(env.browser);
  const { page } = o;
  await openRecord(page, changed);
  await until(async () => (await page_(page)) === 'record', { message: 'the record page' });
  const diffs = await page.locator('[data-difference]').evaluateAll((els) => els.map((e) => e.getAttribute('data-difference')));
  assert.ok(diffs.some((d) => d.startsWith('reworded')), `a reworded question is named (${diffs})`);
  assert.equal(await headingText(page), block.route.title, 'the record page shows what was recorded');
  await axeCheck(page, 'a record with differences');
  await button(page, 'Close the record').click();

  // Keep some answers, then choose files that are not records: a notice, nothing lost.
  await play(page, walk, { to: 3, axe: false });
  const before = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  await page.getByRole('link', { name: 'Data Sharing Navigator', exact: true }).click();
  await until(async () => (await page_(page)) === 'start', { message: 'the start page from the header' });
  const bad = [
    ['empty.html', ''],
    ['text.html', 'just some text'],
    ['page.html', '<html><body><h1>Not a record</h1></body></html>'],
    ['hostile.html', html.replace(m[0], () => `${m[1]}{"format":"data-sharing-navigator-record","version":99}${m[3]}`)],
    ['truncated.html', html.slice(0, Math.floor(html.indexOf(m[1]) + m[1].length + 40))],
  ];
  for (const [name, body] of bad) {
    const f = join(env.tmp, name);
    writeFileSync(f, body);
    await openRecord(page, f);
    const notice = page.locator('[data-notice="bad-record"]');
    await notice.waitFor();
    assert.ok(norm(await notice.textContent()).length > 30, `${name}: a plain-English message`);
    assert.equal(await page_(page), 'start', `${name}: still on the start page`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), before, `${name}: the kept answers are untouched`);
  }
  await axeCheck(page, 'a file that is not a record');
  await finish(o);
});

test('a record can be dropped on the start page', T, async () => {
  const s = await toResult(WALKS[0]);
  const heading = await headingText(s.page);
  const { file } = await downloadRecord(s.page);
  await s.context.close();
  const o = await openPage(env.browser);
  const text = readFileSync(file, 'utf8');
  const drop = await o.page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'record.html', { type: 'text/html' }));
    return dt;
  }, text);
  await o.page.locator('.dsn-drop').dispatchEvent('drop', { dataTransfer: drop });
  await until(async () => (await page_(o.page)) === 'record', { message: 'the dropped record' });
  assert.equal(await headingText(o.page), norm(heading));
  await finish(o);
});

test('the share link opens the same result; typed answers only when ticked', T, async (t) => {
  if (!TEXT_WALK) return t.skip('no walk has a typed answer');
  const s = await toResult(TEXT_WALK);
  const { page } = s;
  const heading = await headingText(page);
  const typed = questionSteps(TEXT_WALK).filter((st) => st.kind === 'text').map((st) => st.text);
  const link = page.getByLabel('Link to these answers', { exact: true });
  let url = await link.inputValue();
  assert.match(url, /#\/v2\/outcome\?/, 'a versioned fragment');
  for (const text of typed) assert.ok(!decodeURIComponent(url).includes(text), `"${text}" is left out`);
  assert.deepEqual(answersIn(url), choicesOf(TEXT_WALK.answers), 'every choice is in the link');
  const hint = norm(await page.locator('#dsn-share-text-hint').textContent()).toLowerCase();
  for (const st of questionSteps(TEXT_WALK).filter((x) => x.kind === 'text')) {
    assert.ok(hint.includes(shortOf(st.question).toLowerCase()), `the page names "${shortOf(st.question)}" as left out`);
  }

  await page.getByLabel('Include my typed answers in the link', { exact: true }).check();
  await until(async () => (await link.inputValue()) !== url, { message: 'the link changes' });
  url = await link.inputValue();
  assert.deepEqual(answersIn(url), TEXT_WALK.answers, 'ticked: every answer');

  await button(page, 'Copy a link to these answers').click();
  await page.locator('[data-done="copied"], [data-done="not-copied"]').waitFor();

  // Opened in a fresh browser (no kept answers): the same result.
  const o = await openPage(env.browser, { url });
  await until(async () => (await page_(o.page)) === 'outcome', { message: 'the shared result' });
  assert.equal(await headingText(o.page), heading);
  assert.equal(await o.page.evaluate(() => location.hash), '#/outcome', 'the answers leave the address bar');
  await finish(s, o);
});

test('the email draft and the calendar file', T, async () => {
  const s = await toResult(DATED_WALK);
  const { page } = s;
  const heading = await headingText(page);
  const email = page.getByRole('link', { name: /^Draft an email to / });
  assert.equal(await email.count(), 1, 'an email draft to the first contact with an address');
  {
    const href = await email.getAttribute('href');
    const mailto = await page.locator('[data-contact] a[href^="mailto:"]').first().getAttribute('href');
    assert.ok(href.startsWith(`${mailto}?subject=`), 'to the first contact\'s address, with a subject');
    assert.ok(href.length <= 1800, `short enough for mail programs (${href.length})`);
    const body = decodeURIComponent(href.split('body=')[1] ?? '');
    assert.ok(decodeURIComponent(href).includes(heading), 'the route is named');
    const record = await page.locator('a.dsn-download').getAttribute('download');
    assert.ok(body.includes(record), 'the record to attach is named');
    for (const st of questionSteps(DATED_WALK).filter((x) => x.kind === 'text')) assert.ok(!body.includes(st.text), 'no typed answer');
  }
  const cal = page.getByRole('link', { name: 'Download the dates (calendar file)', exact: true });
  assert.equal(await cal.count(), 1, 'a result with dates offers them as a calendar file');
  {
    const [download] = await Promise.all([page.waitForEvent('download'), cal.click()]);
    assert.match(download.suggestedFilename(), /^data-sharing-navigator-.*\.ics$/);
    const f = join(env.tmp, 'dates.ics');
    await download.saveAs(f);
    const ics = readFileSync(f, 'utf8');
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /END:VCALENDAR\r\n$/);
    const events = ics.split('BEGIN:VEVENT').length - 1;
    const dates = await page.locator('[data-date]').count();
    assert.ok(events >= dates && dates > 0, `an event per date (${events} for ${dates})`);
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  }
  await finish(s);
});

test('print: a clean record on A4, no buttons, addresses printed, parts on new pages, the version in a footer', T, async () => {
  const s = await toResult(TASK_WALK);
  const { page } = s;
  await page.emulateMedia({ media: 'print' });
  const shown = (sel) => page.locator(sel).evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length);
  assert.equal(await shown('button'), 0, 'no buttons');
  assert.equal(await shown('.dsn-print-footer'), 1, 'the footer');
  const footer = norm(await page.locator('.dsn-print-footer').textContent());
  assert.match(footer, /\b[0-9a-f]{16}\b/, 'the content version');
  assert.ok(footer.includes(String(new Date().getFullYear())), 'the date made');
  const breaks = await page.locator('section.dsn-part').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore));
  assert.ok(breaks.length > 0 && breaks.every((b) => b === 'page'), `each part on a new page (${breaks})`);
  const after = await page.locator('.dsn-contact a[href^="mailto:"], .dsn-contact a[href^="http"]').evaluateAll((els) => els.map((e) => getComputedStyle(e, '::after').content));
  assert.ok(after.every((c) => c.includes('mailto:') || c.includes('http')), 'link addresses are printed');
  await axeCheck(page, 'the result in print');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, 'it prints');
  await finish(s);
});

test('keeping on this computer: turn it off, on, delete; a note says what is kept where', T, async () => {
  const walk = WALKS[0];
  const s = await toResult(walk);
  const { page } = s;
  assert.ok(await saved(page), 'kept after every step');
  await page.getByRole('link', { name: 'Data Sharing Navigator', exact: true }).click();
  await until(async () => (await page_(page)) === 'start', { message: 'the header goes to the start page' });
  assert.equal(await page.getByRole('heading', { name: 'Your answers on this computer', exact: true }).count(), 1, 'a note on what is kept where');
  assert.equal(await keeping(page), 'on');
  await axeCheck(page, 'the start page with answers kept');

  await button(page, 'Stop keeping my answers on this computer').click();
  await page.locator('[data-done="keeping-off"]').waitFor();
  assert.equal(await keeping(page), 'declined');
  assert.equal(await saved(page), null, 'what was kept is removed');
  await button(page, 'Continue where you left off').click();
  assert.equal(await saved(page), null, 'nothing is written while off');
  await page.reload();
  await until(async () => (await keeping(page)) === 'declined', { message: 'the choice is remembered' });
  await button(page, 'Start now').waitFor();
  await button(page, 'Keep my answers on this computer').click();
  await page.locator('[data-done="keeping-on"]').waitFor();

  await play(page, walk, { axe: false });
  await until(async () => (await saved(page)) !== null, { message: 'kept again' });
  await page.getByRole('link', { name: 'Data Sharing Navigator', exact: true }).click();
  await button(page, 'Delete my answers from this computer').click();
  await page.locator('[data-done="deleted"]').waitFor();
  assert.equal(await saved(page), null);
  await button(page, 'Start now').waitFor();
  await axeCheck(page, 'the start page after Delete');
  await finish(s);
});

test('found as a new user: a bookmark of #/start keeps the answers; Start again before the result; Back keeps the answer; file names differ', T, async () => {
  const walk = TASK_WALK;
  const s = await toResult(walk);
  const { page } = s;
  const kept = await saved(page);
  // A bookmark of the start page, opened later.
  const b = await openPage(env.browser, { url: `${singleFileUrl}#/start`, init: ([k, v]) => localStorage.setItem(k, v), initArg: [STORAGE_KEY, await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY)] });
  await button(b.page, 'Continue where you left off').waitFor();
  assert.deepEqual(answersIn(await saved(b.page)), answersIn(kept), 'the saved answers are still there');
  await b.context.close();

  // The browser's Back from check your answers to a question: its answer is shown.
  // (Change one answer, keep it, so the page before check your answers is a question.)
  await page.locator('a.dsn-back').click();
  await until(async () => (await page_(page)) === 'check', { message: 'check your answers' });
  await page.locator('[data-question] a').first().click();
  await until(async () => (await page_(page)).startsWith('question:'), { message: 'Change' });
  const question = await page_(page);
  await button(page, 'Continue').click();
  await until(async () => (await page_(page)) === 'check', { message: 'back on check your answers' });
  await page.goBack();
  await until(async () => (await page_(page)) === question, { message: 'Back to the question' });
  const shown = await page.locator('input').evaluateAll((els) => els.filter((e) => e.checked || (e.type !== 'radio' && e.type !== 'checkbox' && e.value)).length);
  assert.ok(shown > 0, 'the answer is shown');
  await page.goForward();
  await until(async () => (await page_(page)) === 'check', { message: 'Forward' });

  // Start again is on every page before the result.
  await page.getByRole('link', { name: 'Data Sharing Navigator', exact: true }).click();
  await button(page, 'Continue where you left off').click();
  await until(async () => (await page_(page)) !== 'start', { message: 'continued' });
  await button(page, 'Start again').click();
  await button(page, 'Start now').waitFor();
  assert.equal(await saved(page), null, 'Start again removes the answers');

  // Two records of different routes have different names.
  const a = await toResult(WALKS[0]);
  const other = WALKS.find((w) => resultStep(w).heading !== resultStep(WALKS[0]).heading);
  const c = await toResult(other);
  const n1 = (await downloadRecord(a.page)).suggested;
  const n2 = (await downloadRecord(c.page)).suggested;
  assert.notEqual(n1, n2);
  await finish(s, a, c);
});
