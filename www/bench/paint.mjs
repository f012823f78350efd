// Paint only, for comparing variants of the page: each file beside the floor
// (www/bench/floor.html, styles inline), interleaved, quiet loads (nothing polls the page
// until its load event), medians of first contentful paint and domInteractive (when the
// parser finished), and the page's own marks. A report, not a test.
//
// Usage: node www/bench/paint.mjs RUNS file.html [file.html …]
//   e.g. node www/bench/paint.mjs 21 dist/navigator.html /tmp/variant.html
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromiumPath, CHROMIUM_ARGS } from '../../tests/e2e/lib.mjs';
import { assembleFloor } from './floor.mjs';

const [runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1 || !files.length) {
  console.error('usage: node www/bench/paint.mjs RUNS file.html [file.html …]');
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'dsn-paint-'));
const floor = assembleFloor(tmp);
const all = [floor, ...files.map((f) => resolve(f))];
const seen = Object.fromEntries(all.map((f) => [f, {}]));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (let r = 0; r <= runs; r++) {
    for (const f of all) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(pathToFileURL(f).href, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 15000, polling: 10 });
      const marks = await page.evaluate(() => {
        const o = {};
        for (const e of performance.getEntries()) if (e.entryType === 'mark' || e.entryType === 'paint') o[e.name] = e.startTime;
        o.domInteractive = performance.getEntriesByType('navigation')[0].domInteractive;
        return o;
      });
      if (r > 0) for (const [k, v] of Object.entries(marks)) (seen[f][k] ||= []).push(v); // run 0 warms up
      await context.close();
    }
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fcp = (f) => median(seen[f]['first-contentful-paint']);
for (const f of all) {
  console.log(`${f === floor ? 'floor' : f}: first contentful paint ${fcp(f).toFixed(1)} ms, ${(fcp(f) / fcp(floor)).toFixed(2)}× the floor`);
  for (const [k, v] of Object.entries(seen[f])) if (k !== 'first-contentful-paint') console.log(`    ${k.padEnd(24)} ${median(v).toFixed(1)} ms`);
}
