// End-to-end tests of the built single file, dist/navigator.html, opened from file://
// in headless Chromium, used the way a person would: by visible labels. The labels are
// looked up by id in src/content/*.toml, so rewording the content does not break these
// tests; renaming an id does (ids are stable by design).
//
// Every page visited is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA rules), and
// every test asserts that nothing was requested except the file itself.
//
// Run: node --test tests/e2e/   (after www/scripts/build.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  root,
  singleFile,
  singleFileUrl,
  loadContent,
  ROUTES,
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
  answer,
  walkRoute,
} from './lib.mjs';

const content = loadContent();
const env = useBrowser();

const T = { timeout: 120_000 };

/** The rows of check your answers: [question id, shown answer]. */
async function checkRows(page) {
  return page.locator('dl div[data-question]').evaluateAll((rows) =>
    rows.map((r) => [r.getAttribute('data-question'), (r.querySelector('dd')?.textContent || '').replace(/\s+/g, ' ').trim()]),
  );
}

function expectedRows(path) {
  return path.map(([qid, oid]) => [qid, norm(content.option(qid, oid).label)]);
}

const digits = (s) => String(s ?? '').replace(/\D/g, '');

/** `opened`: the page was opened at the outcome's address, so focus stays where the
 *  browser put it (focus moves only after a step the person takes). */
/** Today in the browser's time zone, `YYYY-MM-DD`, as the page works dates out. */
function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const addDays = (iso, days) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Whether a date rule of the content can be worked out today from these meetings' dates. */
function workedOut(rule, meetings) {
  if (rule.kind === 'clock') return true;
  const today = todayIso();
  const dates = meetings[rule.meeting]?.dates ?? [];
  const lead = rule.kind === 'agenda_deadline' ? rule.days_before : 0;
  return dates.some((d) => addDays(d, -lead) >= today);
}

/** `meetings`: the meetings as the page has them (the content's, unless settings change them). */
async function checkOutcome(page, outcomeId, answers, { opened = false, meetings = content.organisation.meetings ?? {} } = {}) {
  const outcome = content.outcome(outcomeId);
  const org = content.organisation;
  if (opened) {
    await until(async () => norm(await headingText(page)) === norm(outcome.title), { message: `the heading "${outcome.title}"` });
  } else {
    await expectHeadingFocused(page, outcome.title);
  }
  const section = page.locator(`section[data-outcome="${outcomeId}"]`);
  assert.equal(await section.count(), 1, `the outcome section is ${outcomeId}`);
  assert.equal(await page.locator('section[data-outcome]').count(), 1, 'exactly one outcome is shown');

  // Checklist: the items for these answers, in order, each with its source.
  const items = await section.locator('li[data-item]').evaluateAll((lis) =>
    lis.map((li) => ({ id: li.getAttribute('data-item'), text: li.textContent.replace(/\s+/g, ' ').trim() })),
  );
  assert.deepEqual(items.map((i) => i.id), content.expectedItems(outcomeId, answers), 'checklist item ids');
  for (const i of items) {
    const item = outcome.checklist.find((c) => c.id === i.id);
    assert.ok(i.text.includes(norm(item.text)), `item ${i.id} shows its text`);
    assert.ok(i.text.includes(norm(item.source)), `item ${i.id} shows its source`);
  }

  // Contacts, in the order to try them, with working tel: and mailto: links.
  const contacts = await section.locator('[data-contact]').evaluateAll((els) =>
    els.map((el) => ({
      role: el.getAttribute('data-contact'),
      hrefs: [...el.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    })),
  );
  assert.deepEqual(contacts.map((c) => c.role), outcome.contacts, 'contact roles');
  for (const c of contacts) {
    const data = org.contacts[c.role];
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
      assert.match(mail[0], /^mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}$/i);
    } else {
      assert.equal(mail.length, 0, `${c.role}: no mailto: link without an email`);
    }
    assert.ok(tel.length + mail.length + c.hrefs.length > 0, `${c.role}: there is a way to reach them`);
  }

  // Dates.
  const dates = await section.locator('[data-date]').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-date'), text: el.textContent.replace(/\s+/g, ' ').trim() })),
  );
  const rules = outcome.dates ?? [];
  const known = rules.filter((r) => workedOut(r, meetings));
  assert.deepEqual(dates.map((d) => d.id), known.map((d) => d.id), 'the rows are the dates that can be worked out');
  for (const d of dates) assert.ok(d.text.length > 0, `date ${d.id} says something`);
  // Once per meeting whose dates cannot be worked out: how to get them, in its own words.
  const notes = await section.locator('[data-meeting-note]').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-meeting-note'), text: el.textContent.replace(/\s+/g, ' ').trim() })),
  );
  const unknownMeetings = [...new Set(rules.filter((r) => !workedOut(r, meetings)).map((r) => r.meeting))];
  assert.deepEqual(notes.map((n) => n.id), unknownMeetings, 'one note per meeting without dates');
  for (const n of notes) {
    const cadence = norm(meetings[n.id]?.cadence ?? content.organisation.meetings[n.id]?.cadence);
    if (cadence) assert.ok(n.text.includes(cadence), `the note for ${n.id} gives its cadence (got "${n.text}")`);
  }

  // When the content the route went through was last reviewed, and by whom; a warning
  // where that was more than a year ago.
  const { path } = content.walk(answers);
  const throughQns = [...new Map([...path.map(([qid]) => qid), outcomeId].map((id) => [content.questionnaireOf(id).id, content.questionnaireOf(id)])).values()];
  const through = throughQns.map((qn) => qn.id);
  const reviews = await section.locator('[data-review]').evaluateAll((els) =>
    els.map((el) => ({
      ids: el.getAttribute('data-review').split(' '),
      text: el.textContent.replace(/\s+/g, ' ').trim(),
      warned: el.querySelector('[data-overdue]') !== null,
    })),
  );
  assert.deepEqual(reviews.flatMap((r) => r.ids), through, 'a review line for each questionnaire the route went through');
  const yearAgo = (() => {
    const [y, m, d] = todayIso().split('-');
    return `${Number(y) - 1}-${m}-${d}`;
  })();
  for (const r of reviews) {
    for (const id of r.ids) {
      const qn = throughQns.find((x) => x.id === id);
      assert.ok(r.text.includes(longDate(qn.reviewed)), `${id}: the review date is shown (got "${r.text}")`);
      assert.ok(r.text.includes(norm(qn.reviewed_by)), `${id}: who reviewed it is shown`);
      assert.ok(r.text.includes(longDate(qn.law_checked)), `${id}: when the law was checked is shown`);
      assert.equal(r.warned, qn.reviewed < yearAgo, `${id}: warned only when the review is more than a year old`);
    }
  }
  return { section, dates, notes, reviews };
}

// --- The three routes ----------------------------------------------------------------

for (const route of ROUTES) {
  test(`${route.name}: from start to outcome by visible labels, accessible, no network`, T, async () => {
    const s = await openPage(env.browser);
    const { page } = s;
    await button(page, 'Start now').waitFor();
    await axeCheck(page, 'the start page');

    const path = await walkRoute(page, route.answers);
    assert.deepEqual(content.walk(route.answers).outcome.id, route.outcome, 'the content routes these answers to the outcome');

    // Check your answers.
    assert.deepEqual(await checkRows(page), expectedRows(path), 'check your answers lists every answer');
    for (const [qid] of path) {
      const name = `Change ${norm(content.question(qid).short)}`;
      assert.equal(await page.getByRole('link', { name, exact: true }).count(), 1, `a "${name}" link`);
    }
    await axeCheck(page, 'check your answers');
    await button(page, 'Continue').click();

    // The outcome.
    await checkOutcome(page, route.outcome, route.answers);
    await axeCheck(page, `outcome ${route.outcome}`);

    // The address and the saved state hold the answers.
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /^#\/outcome\?/);
    for (const [q, a] of Object.entries(route.answers)) assert.ok(hash.includes(`${q}=${a}`), `the address has ${q}=${a}`);
    // Saved as they were when they last changed (on check your answers): the same answers.
    const answersIn = (h) => (h ?? '').split('?')[1]?.split('&').sort().join('&');
    assert.equal(answersIn(await saved(page)), answersIn(hash), 'the answers are saved in localStorage');

    // Start again forgets them.
    await button(page, 'Start again').click();
    await button(page, 'Start now').waitFor();
    await until(async () => (await saved(page)) === null, { message: 'saved answers cleared' });

    assertNoNetwork(s);
    assertNoErrors(s);
    await s.context.close();
  });
}

// --- Errors, Back, Change -----------------------------------------------------------

test('Continue with nothing chosen shows an error summary and marks the question', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  await startNow(page);
  const q = content.question(content.start);
  await expectHeadingFocused(page, q.text);
  await button(page, 'Continue').click();

  const summary = page.locator('div.dsn-error-summary[role=alert]');
  await summary.waitFor();
  const link = summary.locator('a[href]');
  assert.equal(await link.count(), 1, 'the summary links to the question');
  const firstId = await page.locator(`input[type=radio][name="${q.id}"]`).first().getAttribute('id');
  assert.equal(await link.getAttribute('href'), `#${firstId}`, 'the summary links to the first radio');
  assert.equal(norm(await link.textContent()), norm(q.error), "the summary's link is the question's own error");

  const message = page.locator('fieldset p.dsn-error-message');
  assert.equal(await message.count(), 1, 'the fieldset has an error message');
  assert.equal(norm(await message.textContent()), norm(`Error: ${q.error}`), "the message is the question's own error");
  const messageId = await message.getAttribute('id');
  const describedBy = (await page.locator('fieldset').getAttribute('aria-describedby')) ?? '';
  assert.ok(messageId && describedBy.split(/\s+/).includes(messageId), 'the radio group is described by its error');
  const f = await focused(page);
  assert.ok(f && f.className.includes('dsn-error-summary'), `focus moves to the error summary (is on ${JSON.stringify(f)})`);
  assert.equal(await headingText(page), norm(q.text), 'still on the same question');
  await axeCheck(page, 'a question with an error');

  await link.click();
  await until(async () => (await focused(page))?.id === firstId, { message: 'focus on the first radio' });

  // Choosing an answer and continuing moves on.
  const [, oid] = content.walk(ROUTES[0].answers).path[0];
  await page.getByRole('radio', { name: content.option(q.id, oid).label, exact: true }).check();
  await button(page, 'Continue').click();
  await expectHeadingFocused(page, content.question(content.option(q.id, oid).next).text);
  assert.equal(await page.locator('div.dsn-error-summary').count(), 0, 'no error summary any more');

  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('Back keeps the answer given', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  const [[q1, a1], [q2, a2]] = content.walk(ROUTES[1].answers).path;
  await startNow(page);
  await answer(page, q1, a1, { axe: false });
  await expectHeadingFocused(page, content.question(q2).text);
  await page.getByRole('radio', { name: content.option(q2, a2).label, exact: true }).check();
  await page.locator('a.dsn-back').click();

  await expectHeadingFocused(page, content.question(q1).text);
  const checked = await page.locator(`input[type=radio][name="${q1}"]:checked`).getAttribute('value');
  assert.equal(checked, a1, 'the answer to the first question is still selected');
  assert.ok(await page.getByRole('radio', { name: content.option(q1, a1).label, exact: true }).isChecked());

  // Continue again without touching anything: the kept answer is used.
  await button(page, 'Continue').click();
  await expectHeadingFocused(page, content.question(q2).text);

  // Back from the first question goes to the start page.
  await page.locator('a.dsn-back').click();
  await expectHeadingFocused(page, content.question(q1).text);
  await page.locator('a.dsn-back').click();
  await button(page, 'Continue where you left off').waitFor();
  await axeCheck(page, 'the start page with saved answers');

  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('Change on check your answers keeps the answers that still apply', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  const audit = ROUTES[0].answers;
  const path = await walkRoute(page, audit, { axe: false });
  assert.deepEqual(await checkRows(page), expectedRows(path));

  // 1. Change the last answer: every other answer still applies, back to check your answers.
  const last = 'project-standard';
  await page.getByRole('link', { name: `Change ${norm(content.question(last).short)}`, exact: true }).click();
  await expectHeadingFocused(page, content.question(last).text);
  assert.equal(await page.locator(`input[name="${last}"]:checked`).getAttribute('value'), audit[last], 'the current answer is selected');
  await axeCheck(page, 'a question reached by Change');
  await page.getByRole('radio', { name: content.option(last, 'no').label, exact: true }).check();
  await button(page, 'Continue').click();
  await expectHeadingFocused(page, 'Check your answers');
  const changed = { ...audit, [last]: 'no' };
  assert.deepEqual(await checkRows(page), expectedRows(content.walk(changed).path), 'only the changed answer differs');

  // 2. Change an early answer that leads elsewhere: the answers before it are kept, the
  //    ones that no longer apply are dropped, and the new question is asked.
  const early = 'project-randomised';
  await page.getByRole('link', { name: `Change ${norm(content.question(early).short)}`, exact: true }).click();
  await expectHeadingFocused(page, content.question(early).text);
  await page.getByRole('radio', { name: content.option(early, 'yes').label, exact: true }).check();
  await button(page, 'Continue').click();
  const research = { 'triage-who': audit['triage-who'], 'triage-task': audit['triage-task'], [early]: 'yes', 'project-consent': 'yes' };
  const next = content.option(early, 'yes').next;
  assert.equal(next, 'project-consent');
  await answer(page, next, research[next], { axe: false });
  await expectHeadingFocused(page, 'Check your answers');
  assert.deepEqual(await checkRows(page), expectedRows(content.walk(research).path), 'answers that still apply are kept');

  await button(page, 'Continue').click();
  await checkOutcome(page, 'research', research);

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
    await expectHeadingFocused(page, content.question(continuesAt ?? content.start).text);
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
  await expectHeadingFocused(page, content.question(content.start).text);
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('saved answers offer "Continue where you left off"', T, async () => {
  const [[q1, a1], [q2]] = content.walk(ROUTES[0].answers).path;
  const s = await openPage(env.browser, {
    init: ([key, value]) => localStorage.setItem(key, value),
    initArg: ['data-sharing-navigator', `#/q/${q2}?${q1}=${a1}`],
  });
  const { page } = s;
  await button(page, 'Start again').waitFor();
  await button(page, 'Continue where you left off').click();
  await expectHeadingFocused(page, content.question(q2).text);
  await page.locator('a.dsn-back').click();
  await expectHeadingFocused(page, content.question(q1).text);
  assert.equal(await page.locator(`input[name="${q1}"]:checked`).getAttribute('value'), a1);
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

const longDate = (iso) => {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
};

test('organisation settings in the page set the meeting dates', T, async () => {
  // A meeting about 200 days ahead: always the next one, and within the five years the
  // settings accept.
  const meeting = new Date(Date.now() + 200 * 864e5).toISOString().slice(0, 10);
  const config = {
    meetings: {
      rd_governance_group: { name: 'R&D Governance Group', dates: [meeting] },
      dsp_committee: { dates: [meeting] },
    },
  };
  const url = withConfig('navigator-config.html', JSON.stringify(config));
  const meetings = Object.fromEntries(
    Object.entries(content.organisation.meetings).map(([id, m]) => [id, { ...m, ...config.meetings[id] }]),
  );

  // Clinical audit: the next R&D Governance Group meeting.
  const audit = ROUTES[0].answers;
  let s = await openPage(env.browser, { url: `${url}#/outcome?${new URLSearchParams(audit)}` });
  let { page } = s;
  const { dates } = await checkOutcome(page, 'clinical-audit', audit, { opened: true, meetings });
  assert.equal(await page.locator('div.dsn-notice').count(), 0, 'a valid configuration gives no notice');
  const rd = dates.find((d) => d.id === 'rd-governance-group');
  assert.ok(rd.text.includes(longDate(meeting)), `the meeting date is shown (got "${rd.text}")`);
  await axeCheck(page, 'an outcome with configured dates');
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();

  // Sharing: the agenda deadline is worked out from the committee date.
  const sharing = { 'triage-who': 'staff', 'triage-task': 'sharing' };
  const outcome = content.walk(sharing).outcome;
  const rule = outcome.dates.find((d) => d.kind === 'agenda_deadline');
  assert.ok(rule, 'the sharing outcome has an agenda deadline');
  s = await openPage(env.browser, { url: `${url}#/outcome?${new URLSearchParams(sharing)}` });
  ({ page } = s);
  const shared = await checkOutcome(page, outcome.id, sharing, { opened: true, meetings });
  const deadline = new Date(Date.parse(`${meeting}T12:00:00Z`) - rule.days_before * 86_400_000).toISOString().slice(0, 10);
  const shown = shared.dates.find((d) => d.id === rule.id);
  assert.ok(shown.text.includes(longDate(deadline)), `the deadline ${longDate(deadline)} is computed (got "${shown.text}")`);
  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('where no meeting dates are set, the dates are not listed and the meeting says once how to get them', T, async () => {
  // The sharing outcome has two dates of one meeting; the content lists no dates for it.
  const sharing = { 'triage-who': 'staff', 'triage-task': 'sharing' };
  const outcome = content.walk(sharing).outcome;
  const meetingsNamed = new Set((outcome.dates ?? []).filter((d) => d.meeting).map((d) => d.meeting));
  assert.ok((outcome.dates ?? []).length >= 2 && meetingsNamed.size === 1, 'the outcome has two dates of one meeting');
  const [meeting] = meetingsNamed;
  assert.equal(workedOut(outcome.dates[0], content.organisation.meetings), false, 'the content lists no coming dates for it');
  const s = await openPage(env.browser, { url: `${singleFileUrl}#/outcome?${new URLSearchParams(sharing)}` });
  const { page } = s;
  const { dates, notes } = await checkOutcome(page, outcome.id, sharing, { opened: true });
  assert.equal(dates.length, 0, 'no date rows');
  assert.deepEqual(notes.map((n) => n.id), [meeting], 'one note, for the meeting');
  await axeCheck(page, 'an outcome whose dates cannot be worked out');
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
    await startNow(page);
    await answer(page, content.start, ROUTES[0].answers[content.start], { axe: false });
    await expectHeadingFocused(page, content.question(content.option(content.start, ROUTES[0].answers[content.start]).next).text);
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
    await expectHeadingFocused(page, content.question(content.start).text);
    const foreign = s.requests.filter((r) => !r.startsWith(`${origin}/`) && !/^(data|blob):/.test(r));
    assert.deepEqual(foreign, [], 'only its own files are requested');
    const files = s.requests.map((r) => new URL(r).pathname).sort();
    assert.deepEqual(files, ['/', '/navigator.js', '/navigator_bg.wasm', '/style.css'], 'exactly its own four files');
    assertNoErrors(s);
    await s.context.close();
  } finally {
    server.close();
  }
});
