// End-to-end tests of the Navigator (1) embedded in someone else's page, a deliberately
// hostile one, and (2) used with the keyboard alone.
//
// 1. The host page is built here from dist/navigator.html's <script type="module"> (the
//    whole self-contained loader), as the README tells an intranet editor to do. Its CSS
//    attacks every element, class and id the Navigator uses, and it has elements of its own
//    with the Navigator's class names and ids. Embedded (no data-dsn-standalone), the
//    Navigator must work and look as designed, leave the host's address, title, history,
//    elements and styles alone, still keep the answers in localStorage, and request nothing.
// 2. In the single file: a whole route by Tab, arrow keys, Space and Enter, with focus on
//    each new page's heading and a visible focus indicator on every control that gets focus.
//
// Run: node --test tests/e2e/   (after www/scripts/build.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  singleFile,
  content as contentOf,
  walks,
  questionSteps,
  resultStep,
  hasTasks,
  answersIn,
  play,
  expectQuestion,
  CHECK_ANSWERS_TASK,
  useBrowser,
  openPage,
  assertNoNetwork,
  assertNoErrors,
  until,
  focused,
  norm,
  expectHeadingFocused,
  axeCheck,
  saved,
  button,
  startNow,
} from './lib.mjs';

const content = contentOf();
const WALKS = walks();
/** The shortest walk through a task list whose questions are all radios. */
const TASKS_WALK = WALKS.filter((w) => hasTasks(w) && questionSteps(w).every((st) => st.kind === 'choice')).sort((a, b) => a.steps.length - b.steps.length)[0];
const T = { timeout: 120_000 };

// --- The hostile host page ------------------------------------------------------------

const HOST_TITLE = 'Host page';
const HOST_HASH = '#host-route';
const HOST_HEADING = 'Host heading';
const HOST_TEXT = 'rgb(128, 0, 0)'; // the host forces this colour on everything
const HOST_MAGENTA = 'rgb(255, 0, 255)'; // and this background on .dsn-button
const NAV_GREEN = 'rgb(0, 112, 60)'; // the Navigator's own button green (www/navigator.css)

// Every rule is !important and aimed at what the Navigator uses: elements, its class
// names and its ids. (The colour is dark enough that the host's own text passes axe; the
// 10px root font size is for the text-size test below.)
const HOST_CSS = `
  html { font-size: 10px; background: #fff; }
  * { font-family: serif !important; color: ${HOST_TEXT} !important; }
  h1, #dsn-heading, .dsn-h1 { display: none !important; }
  input[type=radio], .dsn-radio__input, .dsn-radio__label { display: none !important; }
  button { visibility: hidden !important; }
  .dsn-button { background: ${HOST_MAGENTA} !important; }
  a { pointer-events: none !important; }
  .dsn, .dsn-main, form, fieldset { display: none !important; }
  nav a { display: inline-block; min-width: 24px; min-height: 24px; } /* the host's own targets pass axe */
  .host-news { min-height: 900px; }
`;

/** The host page, with the Navigator's loader pasted in; returns its file URL. */
function writeHostPage(dir) {
  const single = readFileSync(singleFile, 'utf8');
  const scripts = single.match(/<script type="module">[\s\S]*?<\/script>/g) ?? [];
  assert.equal(scripts.length, 1, 'dist/navigator.html has one <script type="module"> (the loader)');
  const data = single.match(/<template id="dsn-wasm">[\s\S]*?<\/template>/g) ?? [];
  assert.equal(data.length, 1, 'dist/navigator.html has one data block (the WebAssembly)');
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${HOST_TITLE}</title>
<style>${HOST_CSS}</style>
${scripts[0]}
${data[0]}
</head>
<body>
<header>
  <p>Example Trust intranet</p>
  <label for="host-search">Search the intranet</label>
  <input type="search" id="host-search" autofocus>
  <nav aria-label="Intranet">
    <ul>
      <li><a href="#host-route">Home</a></li>
      <li><a href="#host-news">News</a></li>
    </ul>
  </nav>
</header>
<main>
  <h1 id="dsn-heading">${HOST_HEADING}</h1>
  <section class="host-news" id="host-news" aria-label="News">
    <p class="dsn-body" id="host-paragraph">The host's own paragraph, with one of the Navigator's class names.</p>
    <button type="button" class="dsn-button" id="host-button">Host action</button>
    <fieldset class="dsn-fieldset"><legend>Host question</legend>
      <input type="radio" name="triage-who" id="host-radio" value="host"><label for="host-radio">Host answer</label>
    </fieldset>
  </section>
  <div id="data-sharing-navigator"></div>
</main>
<footer><p>Host footer</p></footer>
</body>
</html>
`;
  const file = join(dir, 'host.html');
  writeFileSync(file, html);
  return pathToFileURL(file).href + HOST_HASH;
}

/** Runs in the page before its scripts: logs any change to the address, history or title. */
function watchHost() {
  const log = (window.__hostLog = []);
  window.__hostHistoryLength = history.length;
  for (const m of ['pushState', 'replaceState']) {
    const original = history[m];
    history[m] = function (...args) {
      log.push(`history.${m}(${args[2]})`);
      return original.apply(this, args);
    };
  }
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
  Object.defineProperty(document, 'title', {
    configurable: true,
    get() {
      return title.get.call(this);
    },
    set(v) {
      log.push(`document.title = ${v}`);
      title.set.call(this, v);
    },
  });
  addEventListener('hashchange', () => log.push(`hashchange ${location.hash}`));
  addEventListener('popstate', () => log.push(`popstate ${location.hash}`));
}

/** The host's address, title, history, elements and styles are as the host made them. */
async function expectHostIntact(page, where) {
  const host = await page.evaluate(() => {
    const cs = (id) => getComputedStyle(document.getElementById(id));
    const heading = document.getElementById('dsn-heading');
    return {
      log: window.__hostLog,
      hash: location.hash,
      title: document.title,
      historyAdded: history.length - window.__hostHistoryLength,
      hosts: document.querySelectorAll('#data-sharing-navigator').length,
      headings: document.querySelectorAll('#dsn-heading').length,
      heading: heading.textContent,
      headingTabindex: heading.getAttribute('tabindex'),
      headingDisplay: cs('dsn-heading').display,
      styleSheets: document.styleSheets.length + document.adoptedStyleSheets.length,
      button: { bg: cs('host-button').backgroundColor, shadow: cs('host-button').boxShadow, cursor: cs('host-button').cursor },
      paragraphMargin: cs('host-paragraph').marginTop,
    };
  });
  assert.deepEqual(host.log, [], `${where}: the Navigator left the address, history and title alone`);
  assert.equal(host.hash, HOST_HASH, `${where}: the address keeps the host's hash`);
  assert.equal(host.title, HOST_TITLE, `${where}: the title is the host's`);
  assert.equal(host.historyAdded, 0, `${where}: no history entries added`);
  assert.equal(host.hosts, 1, `${where}: the Navigator used the host's element, not a new one`);
  assert.equal(host.headings, 1, `${where}: the host's document has its one #dsn-heading`);
  assert.equal(host.heading, HOST_HEADING, `${where}: the host's #dsn-heading keeps its text`);
  assert.equal(host.headingTabindex, null, `${where}: the host's #dsn-heading is not made focusable`);
  assert.equal(host.headingDisplay, 'none', `${where}: the host's own CSS still applies to its heading`);
  assert.equal(host.styleSheets, 1, `${where}: no style sheet added to the host's document`);
  // The host's .dsn-button has the host's styles, none of the Navigator's.
  assert.equal(host.button.bg, HOST_MAGENTA, `${where}: the host's .dsn-button keeps the host's background`);
  assert.notEqual(host.button.bg, NAV_GREEN);
  assert.equal(host.button.shadow, 'none', `${where}: the host's .dsn-button has no Navigator box-shadow`);
  assert.equal(host.button.cursor, 'default', `${where}: the host's .dsn-button has no Navigator cursor`);
  assert.notEqual(host.paragraphMargin, '0px', `${where}: the host's .dsn-body keeps its default margin`);
}

/** Computed styles of the elements `selector` matches inside the Navigator (`nav`). */
function navStyles(nav, selector, pseudo = null) {
  return nav.locator(selector).evaluateAll(
    (els, pseudo) =>
      els.map((el) => {
        const cs = getComputedStyle(el, pseudo);
        return {
          display: cs.display,
          visibility: cs.visibility,
          pointerEvents: cs.pointerEvents,
          color: cs.color,
          background: cs.backgroundColor,
          font: cs.fontFamily,
          content: cs.content,
        };
      }),
    pseudo,
  );
}

/** The Navigator's own elements look as the Navigator styles them, whatever the host says. */
async function expectNavigatorStyled(nav, where) {
  await nav.page().mouse.move(0, 0); // no :hover on a button
  const [heading] = await navStyles(nav, 'h1#dsn-heading');
  assert.equal(heading.display, 'block', `${where}: the heading is displayed`);
  assert.equal(heading.visibility, 'visible');
  assert.notEqual(heading.color, HOST_TEXT, `${where}: the heading is not in the host's colour`);
  assert.doesNotMatch(heading.font, /^serif$/, `${where}: the heading is not in the host's serif font`);
  assert.match(heading.font, /system-ui/, `${where}: the heading is in the Navigator's font`);

  const buttons = await navStyles(nav, 'button.dsn-button');
  assert.ok(buttons.length > 0, `${where}: the Navigator shows a button`);
  for (const b of buttons) {
    assert.equal(b.visibility, 'visible', `${where}: the Navigator's buttons are visible`);
    assert.notEqual(b.background, HOST_MAGENTA, `${where}: the Navigator's buttons are not the host's magenta`);
    assert.doesNotMatch(b.font, /^serif$/, `${where}: the Navigator's buttons are not in the host's font`);
    assert.notEqual(b.color, HOST_TEXT, `${where}: the Navigator's buttons are not in the host's colour`);
  }
  const primary = await navStyles(nav, 'button.dsn-button:not(.dsn-button--secondary)');
  for (const b of primary) assert.equal(b.background, NAV_GREEN, `${where}: a primary button is the Navigator's green`);

  for (const a of await navStyles(nav, 'a[href]')) {
    assert.equal(a.pointerEvents, 'auto', `${where}: the Navigator's links can be clicked`);
    assert.notEqual(a.color, HOST_TEXT, `${where}: the Navigator's links are not in the host's colour`);
  }
  for (const r of await navStyles(nav, 'input[type=radio]')) {
    assert.notEqual(r.display, 'none', `${where}: the Navigator's radios are displayed`);
  }
  for (const ring of await navStyles(nav, '.dsn-radio__label', '::before')) {
    assert.notEqual(ring.display, 'none', `${where}: the radio circles are drawn`);
    assert.notEqual(ring.content, 'none');
  }
}

const env = useBrowser();
// Written on first use: Node 20 runs a file's `before` hooks concurrently.
let hostUrlOnce;
const hostUrl = () => (hostUrlOnce ??= writeHostPage(env.tmp));

// --- 1. Embedded in a hostile page ------------------------------------------------------

test('embedded in a hostile page: works and looks as designed, leaves the host alone, no network', T, async () => {
  const s = await openPage(env.browser, { url: hostUrl(), init: watchHost });
  const { page } = s;
  const nav = page.locator('#data-sharing-navigator');
  const walk = TASKS_WALK;
  const result = resultStep(walk);

  await button(nav, 'Start now').waitFor();
  await expectNavigatorStyled(nav, 'the start page');
  await expectHostIntact(page, 'the start page');
  await axeCheck(page, 'the start page embedded in a hostile page');

  // The whole walk by visible labels, axe once per kind of page (on the whole host page).
  await play(nav, walk, {
    axed: new Set(),
    where: 'embedded in a hostile page',
    onStep: async (step) => {
      if (step.page === 'start') await expectNavigatorStyled(nav, 'a question');
      if (step.page === 'tasks' && step.click === CHECK_ANSWERS_TASK) await expectNavigatorStyled(nav, 'check your answers');
      await expectHostIntact(page, `after the ${step.page} page${step.question ? ` ${step.question}` : ''}`);
    },
  });
  assert.equal(await nav.locator(`section[data-outcome]`).count(), 1, 'the result is shown');
  await expectNavigatorStyled(nav, 'the result');
  await expectHostIntact(page, 'the result');

  // The Navigator's links work (the host sets `a { pointer-events: none }`) and, being
  // embedded, do not put their #/… address in the host's address bar.
  await nav.locator('a.dsn-back').click();
  await expectHeadingFocused(nav, 'Check your answers');
  await expectHostIntact(page, 'after the Back link');
  await button(nav, 'Continue').click();
  await expectHeadingFocused(nav, result.heading);

  // The answers are kept in localStorage, in the same form as the standalone address.
  const kept = await saved(page);
  assert.match(kept ?? '', /^#\/v2\/(tasks|check|outcome)\?/, 'the answers are saved in localStorage');
  assert.deepEqual(answersIn(kept), walk.answers, 'the saved state has the answers');

  // A reload offers to continue, still without touching the host's address or title.
  await page.reload();
  await button(nav, 'Continue where you left off').click();
  await until(async () => ['tasks', 'check'].includes(await nav.locator('.dsn-main').getAttribute('data-page')), { message: 'the task list or check your answers' });
  if ((await nav.locator('.dsn-main').getAttribute('data-page')) === 'tasks') {
    await expectHeadingFocused(nav, result.heading);
    await nav.getByRole('link', { name: CHECK_ANSWERS_TASK, exact: true }).click();
  }
  await expectHeadingFocused(nav, 'Check your answers');
  await expectHostIntact(page, 'after a reload');
  await button(nav, 'Continue').click();
  await expectHeadingFocused(nav, result.heading);
  await expectHostIntact(page, 'the result after a reload');

  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test(
  'embedded, loading the Navigator does not take focus from the host page or scroll it',
  T,
  async () => {
    const s = await openPage(env.browser, { url: hostUrl() });
    const { page } = s;
    await until(() => page.evaluate(() => performance.getEntriesByName('dsn:started').length > 0), { message: 'the Navigator started' });
    await button(page.locator('#data-sharing-navigator'), 'Start now').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const f = await focused(page);
    assert.equal(f?.id, 'host-search', `the host's autofocused search box keeps focus (focus is on ${JSON.stringify(f)})`);
    assert.equal(await page.evaluate(() => scrollY), 0, 'the host page is not scrolled to the Navigator');
    assertNoErrors(s);
    await s.context.close();
  },
);

test(
  "embedded, the host page's root font size does not change the Navigator's text size",
  T,
  async () => {
    const sizes = async (url) => {
      const s = await openPage(env.browser, { url });
      const nav = s.page.locator('#data-sharing-navigator');
      await button(nav, 'Start now').waitFor();
      const px = await nav.locator('h1#dsn-heading, p.dsn-lead, button.dsn-button').evaluateAll((els) =>
        els.map((el) => getComputedStyle(el).fontSize),
      );
      await s.context.close();
      return px;
    };
    assert.deepEqual(await sizes(hostUrl()), await sizes(pathToFileURL(singleFile).href), 'the same text sizes as in its own page');
  },
);

// --- 2. Keyboard only --------------------------------------------------------------------

/**
 * The focused element, if it is a control (link, button, field), with the computed styles
 * that differ between focused and not: it is blurred and refocused in the same task, so
 * nothing else runs in between. A radio draws its focus ring on its label's ::before.
 */
async function focusIndicator(page) {
  return page.evaluate(() => {
    const active = () => {
      let el = document.activeElement;
      while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      return el;
    };
    const el = active();
    if (!el || !el.matches('a[href], button, input, select, textarea, summary')) return null;
    const [target, pseudo] = el.matches('input[type=radio], input[type=checkbox]') && el.labels?.[0] ? [el.labels[0], '::before'] : [el, null];
    const props = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'background-color', 'border-top-color', 'border-top-width', 'color', 'text-decoration-line'];
    const read = () => {
      const cs = getComputedStyle(target, pseudo);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    const on = read();
    el.blur();
    const off = read();
    el.focus({ preventScroll: true });
    // A transparent outline (there for Windows high-contrast mode) shows nothing by itself.
    const invisibleOutline = on['outline-style'] === 'none' || /transparent|rgba\(.*,\s*0\)$/.test(on['outline-color']);
    const changed = props.filter((p) => on[p] !== off[p] && !(p.startsWith('outline') && invisibleOutline));
    return {
      what: `${el.tagName.toLowerCase()}#${el.id} "${(el.labels?.[0] ?? el).textContent.trim().replace(/\s+/g, ' ')}"`,
      changed,
      refocused: active() === el,
    };
  });
}

async function expectFocusVisible(page) {
  const f = await focusIndicator(page);
  if (!f) return;
  assert.ok(f.refocused, `${f.what}: focus restored after measuring`);
  assert.ok(f.changed.length > 0, `${f.what} has a visible focus indicator`);
}

/** Presses `key` (Tab, an arrow…); whatever control gets focus must show it. */
async function press(page, key) {
  await page.keyboard.press(key);
  await expectFocusVisible(page);
}

/** Presses Tab until `wanted(focused)`, at most `max` times. */
async function tabTo(page, wanted, what, max = 40) {
  for (let i = 0; i < max; i++) {
    await press(page, 'Tab');
    const f = await focused(page);
    if (f && wanted(f)) return f;
  }
  throw new Error(`${what} was not reached with ${max} presses of Tab`);
}

const isButton = (name) => (f) => f.inShadow && f.tag === 'button' && f.text === name;
const radioId = (oid) => `dsn-opt-${oid}`;

async function startByKeyboard(page) {
  await button(page, 'Start now').waitFor();
  await tabTo(page, isButton('Start now'), '"Start now"');
  await page.keyboard.press('Enter');
}

/** On a question page, focus in its radio group: chooses the step's answer with arrow keys and Space. */
async function chooseByKeyboard(page, step) {
  const q = content.question(step.question);
  const index = q.options.findIndex((o) => norm(o.label) === norm(step.choose[0]));
  assert.ok(index >= 0, `${step.question} has "${step.choose[0]}"`);
  const oid = q.options[index].id;
  for (let i = 0; i < index; i++) await press(page, 'ArrowDown');
  await press(page, 'Space');
  assert.equal((await focused(page)).id, radioId(oid), `${step.question}: focus is on ${oid}`);
  assert.ok(await page.getByRole('radio', { name: step.choose[0], exact: true }).isChecked(), `${step.question}: "${step.choose[0]}" is chosen`);
}

/** On a question page, from its heading: Tab into the radios, choose, Tab to Continue, Enter. */
async function answerByKeyboard(page, step) {
  await expectHeadingFocused(page, step.legend);
  const first = radioId(content.question(step.question).options[0].id);
  const f = await tabTo(page, (f) => f.tag === 'input', `the radios of ${step.question}`);
  assert.equal(f.id, first, `${step.question}: Tab goes to the first radio`);
  await chooseByKeyboard(page, step);
  await tabTo(page, isButton('Continue'), 'Continue');
  await page.keyboard.press('Enter');
}

test('keyboard only: a whole walk through the task list, focus on each new heading, a visible focus indicator on every control', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  const walk = TASKS_WALK;
  for (const step of walk.steps) {
    if (step.page === 'start') {
      await startByKeyboard(page);
    } else if (step.page === 'question') {
      await answerByKeyboard(page, step);
    } else if (step.page === 'tasks') {
      await expectHeadingFocused(page, step.heading);
      await tabTo(page, (f) => f.inShadow && f.tag === 'a' && f.text === norm(step.click), `the task "${step.click}"`);
      await page.keyboard.press('Enter');
    } else if (step.page === 'check') {
      await expectHeadingFocused(page, 'Check your answers');
      await tabTo(page, isButton('Continue'), 'Continue on check your answers'); // past every Change link
      await page.keyboard.press('Enter');
    } else if (step.page === 'outcome') {
      await expectHeadingFocused(page, step.heading);
      assert.equal(await page.locator('section[data-outcome]').count(), 1, 'the result is shown');
    }
  }
  // Every link and button of the result, in order, down to Start again.
  await tabTo(page, isButton('Start again'), '"Start again" on the result', 80);
  await page.keyboard.press('Enter');
  await button(page, 'Start now').waitFor();
  await until(async () => (await focused(page))?.id === 'dsn-heading', { message: 'focus on the start page heading' });

  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});

test('keyboard only: Continue with nothing chosen, then the error summary leads to the first answer', T, async () => {
  const s = await openPage(env.browser);
  const { page } = s;
  const [step, next] = questionSteps(WALKS[0]);
  const qid = step.question;
  const first = radioId(content.question(qid).options[0].id);

  await startByKeyboard(page);
  await expectHeadingFocused(page, step.legend);
  await tabTo(page, isButton('Continue'), 'Continue');
  await page.keyboard.press('Enter');

  await until(async () => (await focused(page))?.className.includes('dsn-error-summary'), { message: 'focus on the error summary' });
  const hash = await page.evaluate(() => location.hash);
  await press(page, 'Tab');
  const link = await focused(page);
  assert.equal(link.tag, 'a', `Tab goes to the error summary's link (is on ${JSON.stringify(link)})`);
  assert.equal(link.text, norm(content.question(qid).error), "the link says what to do: the question's own error");
  await page.keyboard.press('Enter');
  await until(async () => (await focused(page))?.id === first, { message: 'focus on the first radio' });
  await expectFocusVisible(page);
  assert.equal(await page.evaluate(() => location.hash), hash, 'the link moves focus, not the address');

  await chooseByKeyboard(page, step);
  await tabTo(page, isButton('Continue'), 'Continue');
  await page.keyboard.press('Enter');
  await expectQuestion(page, next, { axe: false });

  assertNoNetwork(s);
  assertNoErrors(s);
  await s.context.close();
});
