// The floor (www/bench/floor.html), made one self-contained file in `dir` for the benches
// (www/bench.mjs, www/bench/paint.mjs): each <link data-bench-inline> becomes the
// stylesheet it names, inline, so that both pages compared are one file each.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const floorSource = join(dirname(fileURLToPath(import.meta.url)), 'floor.html');

/** Writes the floor, its styles inline, into `dir`; returns its path. */
export function assembleFloor(dir) {
  const html = readFileSync(floorSource, 'utf8').replace(
    /<link rel="stylesheet" href="([^"]+)" data-bench-inline>/g,
    (_, href) => `<style>\n${readFileSync(resolve(dirname(floorSource), href), 'utf8')}</style>`,
  );
  if (html.includes('data-bench-inline')) throw new Error('bench: a <link data-bench-inline> in floor.html is not in the form this script inlines');
  const file = join(dir, 'floor.html');
  writeFileSync(file, html);
  return file;
}
