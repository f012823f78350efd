// The bad-input corpus (tests/corpus/*.json) in the real page: dist/navigator.html from
// file:// in headless Chromium, opened with answers already kept (or the stored state
// the case gives), for every address, stored state and settings block a careful tester
// tried. For each case: the notices, the page and whether answers are kept are what the
// case says (read from the page's data-notice, data-page and data-keeping attributes, not
// its wording); no element or script from the data exists or runs (every link's target
// is checked and every in-page link clicked, no dialog opens); nothing is requested; and
// the kept answers are still there and can be continued afterwards.
//
// The same corpus runs natively through the engine (tests/corpus.rs, tests/settings.rs).
//
// Run: node --test tests/e2e/corpus.test.mjs   (after www/scripts/build.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, singleFile, singleFileUrl, useBrowser, until, STORAGE_KEY, walks, resultStep, hasTasks, addressOf } from './lib.mjs';

const env = useBrowser();
const T = { timeout: 600_000 };

const UNREADABLE_KEY = `${STORAGE_KEY}:unreadable`;
const asideKeys = [UNREADABLE_KEY, ...[2, 3, 4, 5].map((n) => `${UNREADABLE_KEY}:${n}`)];

/** `⟪TODAY+5Y+1D⟫`: five years and a day after today, in this machine's local time (as the page reads it). */
function fiveYearsAndADay() {
  const now = new Date();
  const d = new Date(now.getFullYear() + 5, now.getMonth(), now.getDate() + 1, 12);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `⟪TEXT*N⟫` is TEXT repeated N times, `{i}` in TEXT being the index. */
export function expand(s) {
  return String(s ?? '').replaceAll('⟪TODAY+5Y+1D⟫', fiveYearsAndADay).replace(/⟪([\s\S]*?)\*(\d+)⟫/g, (_, text, n) =>
    Array.from({ length: Number(n) }, (_, i) => text.replaceAll('{i}', String(i))).join(''),
  );
}

function corpus(file) {
  const p = join(root, 'tests', 'corpus', file);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : [];
}

/** The answers a fragment (or saved form `1|at|#…`) holds, as a sorted `q=a&…` string. */
function answersOf(text) {
  const frag = String(text ?? '').replace(/^\d+\|[^|]*\|/, '');
  const query = frag.split('?')[1] ?? '';
  return query.split('&').filter(Boolean).sort().join('&');
}

// What runs in the page before its own scripts: the stored state the case gives, a
// storage that misbehaves as the case says, and tripwires for anything run from data.
function pageInit({ kept, storage, preAside, asideKeys, key }) {
  const original = { get: Storage.prototype.getItem, set: Storage.prototype.setItem };
  if (!sessionStorage.getItem('dsn-corpus-seeded')) {
    sessionStorage.setItem('dsn-corpus-seeded', '1');
    localStorage.clear();
    if (kept != null) original.set.call(localStorage, key, kept);
    for (let i = 0; i < preAside; i++) original.set.call(localStorage, asideKeys[i], `earlier unreadable state ${i}`);
  }
  window.__dsnRan = [];
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = (...args) => window.__dsnRan.push([name, String(args[0])]);
  }
  if (storage === 'read-throws') {
    Storage.prototype.getItem = function () {
      throw new DOMException('Access denied', 'SecurityError');
    };
  } else if (storage === 'write-throws') {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  } else if (storage === 'denied') {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  }
}

async function openCase(browser, { url, kept = null, storage = null, preAside = 0 }) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const s = { context, page, requests: [], errors: [], dialogs: [], url };
  page.on('request', (r) => s.requests.push(r.url()));
  page.on('pageerror', (e) => s.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    s.dialogs.push(d.message());
    await d.dismiss();
  });
  await page.addInitScript(pageInit, { kept, storage, preAside, asideKeys, key: STORAGE_KEY });
  await page.goto(url);
  await page.locator('.dsn-main[data-page]').waitFor({ timeout: 15_000 });
  return s;
}

/** What the page shows: page id, keeping, notice ids, whether it asks. */
async function state(page) {
  return page.evaluate(() => {
    const host = document.getElementById('data-sharing-navigator');
    const r = host?.shadowRoot;
    const main = r?.querySelector('.dsn-main');
    return {
      page: main?.getAttribute('data-page'),
      keeping: main?.getAttribute('data-keeping'),
      notices: [...new Set([...(r?.querySelectorAll('[data-notice]') ?? [])].map((n) => n.getAttribute('data-notice')))].sort(),
      asking: !!r?.querySelector('[data-asking]'),
      noticeText: [...(r?.querySelectorAll('.dsn-notice') ?? [])].map((n) => n.textContent).join(' '),
    };
  });
}

// A page link, a web address, one email address (alone, or with the subject and body the
// Navigator wrote, percent-encoded), a telephone number, or a file made in the page (the
// record, whose own policy lets nothing run; the calendar).
const SAFE_HREF = /^(#\/|https?:\/\/|mailto:[^?&,;%\s]+@[^?&,;%\s]+(\?subject=[A-Za-z0-9%._~-]*&body=[A-Za-z0-9%._~-]*)?$|tel:\+\d{3,15}(;ext=\d{1,8})?$|data:text\/(html|calendar);charset=utf-8,[A-Za-z0-9%._~-]*$)/;

/** No element or script from the data: only the app's own elements, every href safe,
 *  every in-page link clicked without running anything. */
async function assertNothingFromData(s, where) {
  const { page } = s;
  const found = await page.evaluate(() => {
    const r = document.getElementById('data-sharing-navigator')?.shadowRoot;
    const all = [...(r?.querySelectorAll('*') ?? [])];
    return {
      risky: all.filter((el) => /^(script|img|iframe|object|embed|svg|math|form|base|meta|link)$/i.test(el.tagName) && !el.closest('.dsn-button--start') && el.tagName.toLowerCase() !== 'form').map((el) => el.outerHTML.slice(0, 80)),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      hrefs: all.filter((el) => el.hasAttribute('href')).map((el) => el.getAttribute('href')),
    };
  });
  // The app's own <svg> arrow (Start now) and <form> (questions) are fine; nothing else.
  assert.deepEqual(found.risky.filter((h) => !/^<svg class="dsn-button__arrow"/.test(h) && !/^<path/.test(h)), [], `${where}: no element from the data`);
  assert.deepEqual(found.handlers, [], `${where}: no event-handler attribute`);
  for (const h of found.hrefs) assert.match(h, SAFE_HREF, `${where}: every link target passed the gate`);
  // Click every in-page link (each is an action in the Navigator), then check nothing ran.
  const inPage = page.locator('a[href^="#/"]');
  const n = await inPage.count();
  for (let i = 0; i < n && i < 12; i++) {
    const a = inPage.nth(i);
    // Dispatched to the link itself, not clicked at its place on the screen: each click
    // re-renders the page and moves focus (and may scroll), so a click by position could
    // land on a button that has moved there (Start again, say).
    if (await a.isVisible()) await a.dispatchEvent('click').catch(() => {});
  }
  const ran = await page.evaluate(() => window.__dsnRan);
  assert.deepEqual(ran, [], `${where}: nothing from the data ran`);
  assert.deepEqual(s.dialogs, [], `${where}: no dialog opened`);
}

function assertNoNetworkOrErrors(s, where) {
  const own = singleFileUrl.split('#')[0];
  const others = s.requests.filter((r) => r.split('#')[0] !== own && !r.startsWith(pathToFileURL(join(root, 'target')).href) && !/^(data|blob):/.test(r) && !r.includes('/dsn-corpus-'));
  assert.deepEqual(others, [], `${where}: no network request`);
  assert.deepEqual(s.errors, [], `${where}: no page error`);
}

/** The kept answers are still on this computer and can be continued. */
async function assertKeptAndContinuable(s, c, kept) {
  const { page } = s;
  const stored = await page.evaluate((keys) => Object.fromEntries(keys.map((k) => [k, localStorage.getItem(k)])), [STORAGE_KEY, ...asideKeys]);
  const main = stored[STORAGE_KEY];
  const aside = asideKeys.map((k) => stored[k]);
  const unreadable = c.expect.notices.some((n) => n.startsWith('bad-saved'));
  if (kept && kept.trim() && unreadable) {
    assert.ok(main === kept || aside.includes(kept), `${c.id}: the unreadable state is still there or kept aside`);
  } else if (kept && answersOf(kept)) {
    // Still saved: the same answers, less only those this version cannot use (said).
    const had = new Set(answersOf(kept).split('&'));
    const now = answersOf(main).split('&').filter(Boolean);
    assert.ok(now.length > 0 || c.expect.answers === 'none', `${c.id}: the kept answers are still saved`);
    assert.ok(now.every((p) => had.has(p)), `${c.id}: nothing but the kept answers is saved (now ${String(main).slice(0, 80)})`);
  }
  if (c.expect.keeping === 'asking') {
    assert.equal(main, kept, `${c.id}: nothing is written over the kept answers while asking`);
    await page.getByRole('button', { name: 'Keep my saved answers', exact: true }).dispatchEvent('click');
    await until(async () => (await state(page)).page === 'start', { message: `${c.id}: back on the start page` });
  }
  // A fresh visit to the bare address offers to continue the kept answers.
  if (c.expect.answers === 'kept' || c.expect.keeping === 'asking') {
    const again = await s.context.newPage();
    await again.goto(singleFileUrl);
    const cont = again.getByRole('button', { name: 'Continue where you left off', exact: true });
    // Generous: this page loads beside the case's own on a busy 2-core machine. If it
    // does not come, say what the page shows instead.
    await cont.waitFor({ timeout: 20_000 }).catch(async (e) => {
      throw new Error(`${e.message.split('\n')[0]}; the page shows ${JSON.stringify(await state(again))}, saved ${JSON.stringify(await again.evaluate((k) => localStorage.getItem(k), STORAGE_KEY))}`);
    });
    await cont.click();
    await until(async () => (await state(again)).page !== 'start', { message: `${c.id}: the kept answers continue` });
    await again.close();
  }
}

async function runCase(c, { url, kept, storage, preAside }) {
  const s = await openCase(env.browser, { url, kept, storage, preAside });
  try {
    const { page } = s;
    if (storage === 'write-throws' && c.expect.answers === 'some') {
      // Nothing is written until the person answers: answer the first question.
      await page.getByRole('button', { name: 'Start now', exact: true }).click();
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await until(async () => (await state(page)).notices.includes('not-saved'), { message: `${c.id}: says the answers could not be saved` });
    }
    await until(async () => {
      const st = await state(page);
      return st.page === c.expect.page && st.keeping === c.expect.keeping;
    }, { timeout: 5000, message: `${c.id}: page ${c.expect.page}, keeping ${c.expect.keeping} (now ${JSON.stringify(await state(page))})` });
    const st = await state(page);
    assert.deepEqual(st.notices, c.expect.notices, `${c.id}: notices`);
    assert.equal(st.asking, c.expect.keeping === 'asking', `${c.id}: asks before replacing kept answers`);
    assert.ok(st.noticeText.length < 4000, `${c.id}: the notices are short (${st.noticeText.length} characters)`);
    await assertNothingFromData(s, c.id);
    assertNoNetworkOrErrors(s, c.id);
    if (storage !== 'read-throws' && storage !== 'denied') await assertKeptAndContinuable(s, c, kept);
  } finally {
    await s.context.close();
  }
}

for (const [file, group] of [['address.json', 'addresses'], ['stored.json', 'stored states']]) {
  const cases = corpus(file);
  test(`bad input, ${group}: ${cases.length} cases in the real page, nothing lost, nothing run`, T, async () => {
    const failures = [];
    for (const c of cases) {
      const url = singleFileUrl + expand(c.address ?? '');
      try {
        await runCase(c, { url, kept: c.kept == null ? null : expand(c.kept), storage: c.storage ?? null, preAside: c.pre_aside ?? 0 });
      } catch (e) {
        failures.push(`${c.id}: ${String(e.message).split('\n')[0]}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed`);
  });
}

// --- Record files ------------------------------------------------------------------------

// tests/corpus/record.json, chosen with "Open a saved record" over answers already kept.
// `⟪RECORD⟫` is a real record of the sample answers (tests/corpus/record-sample.txt) made
// by the engine (`navigator record`), `⟪BLOCK⟫` its data block; `edit` replaces text in it.
// A record that opens shows the read-only record page; one that cannot gives the notice,
// leaves the page and the kept answers as they were, and runs nothing.
const RECORD_MADE = '2026-11-25T14:03';
function realRecord() {
  const sample = readFileSync(join(root, 'tests', 'corpus', 'record-sample.txt'), 'utf8').trim();
  return execFileSync('cargo', ['run', '-q', '--bin', 'navigator', '--', 'record', RECORD_MADE, sample], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
}

const recordCases = corpus('record.json');
test(`bad input, record files: ${recordCases.length} files chosen in the real page, nothing lost, nothing run`, T, async () => {
  const record = realRecord();
  const block = record.match(/<script type="application\/json" id="data-sharing-navigator-record">([\s\S]*?)<\/script>/)[1];
  const fill = (x) => expand(String(x).replaceAll('⟪RECORD⟫', () => record).replaceAll('⟪BLOCK⟫', () => block));
  const kept = `2|2026-11-20T09:30|${addressOf('check', KEPT_WALK.answers).replace('#/', '#/v2/')}`;
  const s = await openCase(env.browser, { url: singleFileUrl, kept });
  const failures = [];
  try {
    const { page } = s;
    const before = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
    for (const c of recordCases) {
      try {
        let input = fill(c.input);
        for (const [from, to] of c.edit ?? []) {
          const f = fill(from);
          assert.ok(input.includes(f), `${c.id}: the edit finds its text`);
          input = input.replace(f, () => fill(to));
        }
        const file = join(env.tmp, `record-${c.id}.html`);
        writeFileSync(file, input);
        await page.getByLabel('Open a saved record', { exact: true }).setInputFiles(file);
        if (c.expect.ok) {
          await until(async () => (await state(page)).page === 'record', { message: `${c.id}: the record page` });
        } else {
          await until(async () => (await state(page)).notices.includes('bad-record'), { message: `${c.id}: the notice` });
          const st = await state(page);
          assert.equal(st.page, 'start', `${c.id}: still on the start page`);
          assert.ok(st.noticeText.length < 4000, `${c.id}: the notice is short`);
        }
        // Checks every link and clicks the in-page ones: the header's goes to the start
        // page, which closes the record or the notice.
        await assertNothingFromData(s, c.id);
        await until(async () => (await state(page)).page === 'start' && (await state(page)).notices.length === 0, { message: `${c.id}: back on the start page` });
        assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), before, `${c.id}: the kept answers are untouched`);
      } catch (e) {
        failures.push(`${c.id}: ${String(e.message).split('\n')[0]}`);
      }
    }
    assertNoNetworkOrErrors(s, 'record files');
  } finally {
    await s.context.close();
  }
  assert.deepEqual(failures, [], `${failures.length} of ${recordCases.length} cases failed`);
});

// --- Settings blocks ---------------------------------------------------------------------

// What each of the engine's walks' results shows (contacts by id, templates by name): a
// settings case is opened at the fewest results that show what its settings name.
let outcomesOnce;
function outcomes() {
  outcomesOnce ??= (async () => {
    const s = await openCase(env.browser, { url: singleFileUrl });
    const shows = [];
    try {
      for (const walk of walks()) {
        const hash = addressOf('outcome', walk.answers);
        await s.page.evaluate((h) => { location.hash = h; }, hash);
        const heading = resultStep(walk).heading;
        await until(async () => (await state(s.page)).page === 'outcome' && (await s.page.locator('h1#dsn-heading').textContent()).trim() === heading, { message: `the result for ${hash}` });
        const things = await s.page.locator('[data-contact], .dsn-checklist__template').evaluateAll((els) =>
          els.map((el) => el.getAttribute('data-contact') ?? el.textContent.trim()),
        );
        shows.push({ hash, things: new Set(things) });
      }
    } finally {
      await s.context.close();
    }
    return shows;
  })();
  return outcomesOnce;
}

/** The fewest results that between them show every one of `things` (at least one). */
function cover(shows, things) {
  const left = new Set(things);
  const chosen = [];
  while (left.size > 0) {
    const gain = (x) => [...x.things].filter((t) => left.has(t)).length;
    const best = shows.reduce((a, b) => (gain(b) > gain(a) ? b : a));
    if (gain(best) === 0) break;
    chosen.push(best.hash);
    for (const t of best.things) left.delete(t);
  }
  return chosen.length ? chosen : [shows[0].hash];
}

/** The results a settings case is opened at: those that show what its blocks name (a
 *  contact by its id, any template when it names templates), else one result. */
async function outcomesFor(c) {
  // Never the kept answers' own result: the case opens links with other answers.
  const kept = addressOf('outcome', KEPT_WALK.answers);
  const shows = (await outcomes()).filter((x) => x.hash !== kept);
  const text = c.blocks.join(' ');
  const all = new Set(shows.flatMap((x) => [...x.things]));
  const named = [...all].filter((t) => (t.startsWith('Template') ? text.includes('templates') : text.includes(t)));
  return cover(shows, named);
}

// Every settings case opens over answers already kept: a whole walk through a task list.
const KEPT_WALK = walks().find((w) => hasTasks(w) && Object.values(w.answers).every((a) => /^[a-z0-9,-]+$/.test(a))) ?? walks()[0];
const KEPT = `1|2026-11-20T09:30|${addressOf('check', KEPT_WALK.answers)}`;

/** dist/navigator.html with the case's settings blocks in its <head>. */
function pageWithSettings(dir, c) {
  const html = readFileSync(singleFile, 'utf8');
  // As an intranet editor would have to: "</" inside a script element is written "<\/".
  const blocks = c.blocks
    .map((b) => `<script type="application/json" id="navigator-config">${expand(b).replace(/<\//g, '<\\/')}</script>`)
    .join('\n');
  const file = join(dir, `dsn-corpus-${c.id}.html`);
  writeFileSync(file, html.replace('</head>', () => `${blocks}\n</head>`));
  return pathToFileURL(file).href;
}

async function runSettingsCase(c) {
  const url = pageWithSettings(env.tmp, c);
  const s = await openCase(env.browser, { url, kept: KEPT });
  try {
    const { page } = s;
    const st = await state(page);
    assert.equal(st.page, 'start', `${c.id}: the start page shows`);
    assert.equal(st.notices.includes('bad-config'), c.expect.problems.length > 0, `${c.id}: a notice exactly when the settings have problems`);
    assert.ok(st.noticeText.length < 4000, `${c.id}: the notice is short (${st.noticeText.length} characters)`);
    if (typeof c.expect.applied?.name === 'string') {
      const header = await page.locator('.dsn-header__org').textContent();
      assert.equal(header, c.expect.applied.name, `${c.id}: the name is shown as text`);
    }
    await assertNothingFromData(s, `${c.id} (start page)`);
    for (const hash of await outcomesFor(c)) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await until(async () => (await state(page)).page === 'outcome', { message: `${c.id}: the result for ${hash}` });
      await assertNothingFromData(s, `${c.id} (${hash.slice(0, 40)})`);
    }
    assertNoNetworkOrErrors(s, c.id);
    // The links were other answers: the kept ones are untouched and still continue.
    await assertKeptAndContinuable(s, { id: c.id, expect: { keeping: 'asking', answers: 'link', notices: [] } }, KEPT);
  } finally {
    await s.context.close();
  }
}

{
  const cases = corpus('settings.json');
  test(`bad input, settings blocks: ${cases.length} cases in the real page, reported, nothing run`, T, async (t) => {
    const opened = await Promise.all(cases.map(async (c) => (await outcomesFor(c)).length));
    t.diagnostic(`the cases open ${opened.reduce((a, b) => a + b, 0)} results in all (those showing what each case's settings name)`);
    const failures = [];
    const queue = [...cases];
    // Three at a time: each case mostly waits on the browser.
    await Promise.all([0, 1, 2].map(async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        try {
          await runSettingsCase(c);
        } catch (e) {
          failures.push(`${c.id}: ${String(e.message).split('\n')[0]}`);
        }
      }
    }));
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed`);
  });
}

test('settings are read only from <script type="application/json">: a decoy element with the id is ignored', T, async () => {
  const html = readFileSync(singleFile, 'utf8');
  const decoys = [
    '<div id="navigator-config">{"name": "Decoy in a div"}</div>',
    '<script type="text/plain" id="navigator-config">{"name": "Decoy as text/plain"}</script>',
    '<template id="navigator-config">{"name": "Decoy in a template"}</template>',
  ].join('\n');
  const real = '<script type="application/json" id="navigator-config">{"name": "Real Trust"}</script>';
  const file = join(env.tmp, 'dsn-corpus-decoy.html');
  writeFileSync(file, html.replace('<body>', () => `<body>\n${decoys}`).replace('</body>', () => `${real}\n</body>`));
  const s = await openCase(env.browser, { url: pathToFileURL(file).href });
  const warnings = [];
  s.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  try {
    await s.page.reload();
    await s.page.locator('.dsn-main[data-page]').waitFor();
    assert.equal(await s.page.locator('.dsn-header__org').textContent(), 'Real Trust', 'the real block is used');
    assert.deepEqual((await state(s.page)).notices, [], 'no notice: the page has one settings block');
    await until(() => warnings.filter((w) => w.includes('navigator-config')).length === 3, { message: 'a console warning for each decoy' });
  } finally {
    await s.context.close();
  }
});
