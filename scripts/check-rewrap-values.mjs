#!/usr/bin/env node
// `node scripts/check-rewrap-values.mjs [--against REV] [files…]`: proves a rewrap changed no program. Each changed
// script (default: the covered files that differ from REV, default HEAD) must minify to the same code before and after:
// esbuild drops comments, types and layout and folds `'a' + 'b'` into `'ab'`, so only a change of meaning remains.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { coveredPath } from './line-length-files.mjs';

const LOADERS = { ts: 'ts', mts: 'ts', cts: 'ts', js: 'js', mjs: 'js', cjs: 'js', css: 'css' };

/** What a file means with its comments, types and layout dropped and constant strings folded; text for other kinds. */
export function meaning(text, path) {
  const loader = LOADERS[path.split('.').pop()];
  if (loader === undefined) return text;
  return transformSync(text, {
    loader,
    minify: true,
    legalComments: 'none',
    sourcefile: path,
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  }).code;
}

/** Where two minified texts first differ, with a little context on each side. */
export function firstDifference(before, after) {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const around = (s) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `before ${around(before)}, after ${around(after)}`;
}

function main(argv) {
  const revIndex = argv.indexOf('--against');
  const rev = revIndex >= 0 ? argv[revIndex + 1] : 'HEAD';
  const named = argv.filter((a, i) => !a.startsWith('--') && (revIndex < 0 || i !== revIndex + 1));
  const files =
    named.length > 0
      ? named
      : execFileSync('git', ['diff', '--name-only', rev, '--'], { encoding: 'utf8' }).split('\n').filter(coveredPath);
  let failures = 0;
  for (const file of files) {
    const before = execFileSync('git', ['show', `${rev}:${file}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const after = readFileSync(file, 'utf8');
    const [a, b] = [meaning(before, file), meaning(after, file)];
    if (a !== b) {
      console.error(`${file}: the program changed: ${firstDifference(a, b)}`);
      failures++;
    }
  }
  console.log(`check-rewrap-values: ${files.length - failures} of ${files.length} file(s) mean the same as at ${rev}`);
  if (failures > 0) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
