#!/usr/bin/env node
// `node scripts/check-line-length.mjs [--update-baseline] [files…]`: fails on any line over 120 characters in the
// covered files, but for the lines listed in the baseline (long lines older than the rule, to be rewrapped or marked).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { longLines, MAX_LINE, trackedFiles } from './line-length-files.mjs';

const BASELINE = 'scripts/line-length-baseline.txt';
const HEADER = '# Lines over 120 characters older than the rule (file, hash of the line); then --update-baseline.';

/** A long line's entry: its file and a hash of its text, so the entry survives lines moving up and down. */
const key = (file, text) => `${file}\t${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;

const argv = process.argv.slice(2);
const update = argv.includes('--update-baseline');
const named = argv.filter((a) => !a.startsWith('--'));
const files = named.length > 0 ? named : trackedFiles();
const known = new Set(existsSync(BASELINE) && !update ? readFileSync(BASELINE, 'utf8').split('\n') : []);
const found = [];
let excused = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  for (const { line, length } of longLines(text)) {
    const entry = key(file, lines[line - 1]);
    if (known.has(entry)) excused++;
    else found.push({ file, line, length, entry });
  }
}
if (update) {
  mkdirSync(dirname(BASELINE), { recursive: true });
  writeFileSync(BASELINE, `${[HEADER, ...found.map((f) => f.entry)].join('\n')}\n`);
  console.log(`check-line-length: ${found.length} line(s) over ${MAX_LINE} listed in ${BASELINE}`);
  process.exit(0);
}
for (const { file, line, length } of found) console.error(`${file}:${line}: ${length} characters (max ${MAX_LINE})`);
if (found.length > 0) {
  console.error(
    `${found.length} line(s) over ${MAX_LINE} characters: node scripts/rewrap-lines.mjs rewraps comments and strings;` +
      " a line that cannot be split ends with '// line-length: ok <reason>'",
  );
  process.exit(1);
}
if (excused > 0) console.log(`check-line-length: ${excused} older line(s) over ${MAX_LINE} still in ${BASELINE}`);
