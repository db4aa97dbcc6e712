#!/usr/bin/env node
// `node scripts/line-length-kinds.mjs [files…]`: the lines over 120 left after a rewrap, counted by what holds them
// long (so the rest can be split by hand or marked), with two examples of each.
import { readFileSync } from 'node:fs';
import { longLines, trackedFiles } from './line-length-files.mjs';
import { findLiterals, isScript, lineStarts } from './rewrap/literals.mjs';

/** What keeps line `n` (0-based) of a file long, from the literals around it. */
function kindOf(text, lines, starts, n, literals) {
  const start = starts[n];
  const trimmed = lines[n].trim();
  const around = literals.find((l) => l.start < start && l.end > start);
  if (around) {
    const tag = text.slice(Math.max(0, around.start - 4), around.start);
    return /(html|css|svg)$/.test(tag) ? 'text of a multi-line Lit template' : 'text of a multi-line template';
  }
  if (/^(\/\/|\/\*|\*)/.test(trimmed)) return 'comment (left after a rewrap: a word too long)';
  if (/^(it|test|describe)(\.\w+)*\(/.test(trimmed)) return 'test title before its callback';
  const crossing = literals
    .filter((l) => l.start >= start && l.start < start + lines[n].length && l.end > start + 120)
    .sort((a, b) => b.start - a.start)[0];
  if (crossing?.type === 'RegExpLiteral') return 'regex literal';
  if (crossing?.type === 'StringLiteral') {
    const spaced = /\s/.test(text.slice(crossing.start, crossing.end));
    if (!spaced) return 'string without a space (data)';
    return crossing.splittable ? 'string the rewrap cuts' : 'string where a cut is unsafe';
  }
  if (crossing?.type === 'TemplateLiteral') {
    return crossing.splittable ? 'untagged template (cut with --templates)' : 'template tagged or nested';
  }
  return 'code';
}

const named = process.argv.slice(2);
const counts = new Map();
for (const file of named.length > 0 ? named : trackedFiles()) {
  const text = readFileSync(file, 'utf8');
  const long = longLines(text);
  if (long.length === 0) continue;
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  const literals = isScript(file) ? findLiterals(text, file) : [];
  for (const { line } of long) {
    const kind = isScript(file) ? kindOf(text, lines, starts, line - 1, literals) : `a .${file.split('.').pop()} file`;
    const entry = counts.get(kind) ?? { n: 0, examples: [] };
    entry.n++;
    if (entry.examples.length < 2) entry.examples.push(`${file}:${line}`);
    counts.set(kind, entry);
  }
}
for (const [kind, { n, examples }] of [...counts].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`${String(n).padStart(5)}  ${kind} (${examples.join(', ')})`);
}
