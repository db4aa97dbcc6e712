#!/usr/bin/env node
// `node scripts/rewrap-lines.mjs [--templates] [--no-format] [files…]`: rewraps comments and splits string literals
// so lines fit in 120 characters, then lets Biome settle the layout and repeats until nothing changes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { trackedFiles } from './line-length-files.mjs';
import { rewrapComments } from './rewrap/comments.mjs';
import { findLiterals, isScript, lineStarts, linesInsideLiterals } from './rewrap/literals.mjs';
import { splitLongStrings } from './rewrap/strings.mjs';

/** Column of the first `//` on line `i` outside every literal, when the line holds code before it; else -1. */
function trailingCommentFinder(text, literals) {
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  return (i) => {
    const line = lines[i];
    if (line.includes('/*')) return -1;
    for (let column = line.indexOf('//'); column > 0; column = line.indexOf('//', column + 1)) {
      const at = starts[i] + column;
      if (!literals.some((l) => l.start <= at && at < l.end)) return column;
    }
    return -1;
  };
}

/** One rewrap of a file's text: comments first (they do not move code), then the strings of the new text. */
export function rewrapText(text, path, { templates = false } = {}) {
  if (!isScript(path)) return path.endsWith('.css') ? rewrapComments(text) : text;
  const literals = findLiterals(text, path);
  const inside = linesInsideLiterals(text, literals);
  let out = rewrapComments(text, {
    protectedLine: (i) => inside.has(i),
    trailingComment: trailingCommentFinder(text, literals),
  });
  for (let round = 0; round < 8; round++) {
    const next = splitLongStrings(out, path, { templates });
    if (next === out) break;
    out = next;
  }
  return out;
}

function main(argv) {
  const templates = argv.includes('--templates');
  const format = !argv.includes('--no-format');
  const named = argv.filter((a) => !a.startsWith('--'));
  const files = named.length > 0 ? named : trackedFiles();
  const touched = new Set();
  let pending = files;
  for (let round = 0; round < 4 && pending.length > 0; round++) {
    const changed = [];
    for (const file of pending) {
      const text = readFileSync(file, 'utf8');
      let out;
      try {
        out = rewrapText(text, file, { templates });
      } catch (err) {
        console.error(`${file}: left as is (${err instanceof Error ? err.message : String(err)})`);
        continue;
      }
      if (out !== text) {
        writeFileSync(file, out);
        changed.push(file);
        touched.add(file);
      }
    }
    // Biome re-indents the new concatenations; a piece it moves may need one more cut, hence the next round.
    const formattable = changed.filter(isScript);
    if (format && formattable.length > 0) {
      execFileSync('npx', ['biome', 'format', '--write', '--no-errors-on-unmatched', ...formattable], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    pending = format ? changed : [];
  }
  console.log(`rewrap-lines: ${touched.size} file(s) changed`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
