// Splits over-long string literals (and, when asked, untagged template literals) into `'…' +` concatenations at word
// boundaries, only where the literal's place makes `a + b` mean the same value (see literals.mjs).
import { lineLength, MARKER, MAX_LINE } from '../line-length-files.mjs';
import { findLiterals } from './literals.mjs';

/** Offsets just after each space of the literal's text where a cut keeps escapes whole (`\ ` is not cut). */
function cutPoints(text, literal) {
  const ranges = literal.type === 'StringLiteral' ? [[literal.start + 1, literal.end - 1]] : literal.parts;
  const points = [];
  for (const [from, to] of ranges) {
    for (let p = from + 1; p < to; p++) {
      if (text[p - 1] !== ' ') continue;
      let backslashes = 0;
      for (let k = p - 2; k >= from && text[k] === '\\'; k--) backslashes++;
      if (backslashes % 2 === 0) points.push(p);
    }
  }
  return points;
}

/** A template piece without `${…}` as a plain single-quoted string when that needs no escape change. */
function asPiece(quote, body) {
  if (quote === '`' && !body.includes('${') && !/['\\]/.test(body)) return `'${body}'`;
  return `${quote}${body}${quote}`;
}

/** Column (in characters) of offset `p` on its line. */
function columnOf(text, p) {
  return lineLength(text.slice(text.lastIndexOf('\n', p - 1) + 1, p));
}

/**
 * The replacement text of a literal that crosses the limit: pieces joined by ` +\n` at the line's indentation plus
 * two (the formatter settles the indentation), or null when no cut brings its first piece under the limit.
 */
function splitLiteral(text, literal) {
  const lineStart = text.lastIndexOf('\n', literal.start - 1) + 1;
  const lineEnd = text.indexOf('\n', literal.end);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))[0];
  const quote = text[literal.start];
  const points = cutPoints(text, literal);
  // What follows the literal on its line (`, async () => {`) stays with the last piece.
  const after = text.slice(literal.end, lineEnd === -1 ? text.length : lineEnd);
  // A title before a callback (`it('…', () => {`): a concatenation there makes the formatter re-indent the whole body.
  if (/=>|\bfunction\b/.test(after)) return null;
  const tail = lineLength(after);
  const next = `${indent}  `;
  const pieces = [];
  let from = literal.start + 1;
  // Column after the opening quote; each piece but the last ends with `' +`.
  let column = columnOf(text, literal.start) + 1;
  for (;;) {
    const rest = lineLength(text.slice(from, literal.end - 1));
    if (column + rest + 1 + tail <= MAX_LINE || points.every((p) => p <= from)) break;
    const room = MAX_LINE - column - 3;
    const fitting = points.filter((p) => p > from && lineLength(text.slice(from, p)) <= room);
    if (pieces.length === 0 && fitting.length === 0) return null;
    const cut = fitting.length > 0 ? fitting[fitting.length - 1] : points.find((p) => p > from);
    pieces.push(text.slice(from, cut));
    from = cut;
    column = lineLength(next) + 1;
  }
  if (pieces.length === 0) return null;
  pieces.push(text.slice(from, literal.end - 1));
  return pieces.map((body, i) => (i === 0 ? '' : next) + asPiece(quote, body)).join(' +\n');
}

/**
 * Splits, on each line over the limit without a marker, its last safe literal that a cut shortens the line with.
 * `templates`: also untagged template literals. Returns the new text (unchanged when nothing applies).
 */
export function splitLongStrings(text, path, { templates = false } = {}) {
  const literals = findLiterals(text, path).filter(
    (l) => l.splittable && (l.type === 'StringLiteral' || (templates && l.type === 'TemplateLiteral')),
  );
  const edits = [];
  const seenLines = new Set();
  for (const literal of literals.sort((a, b) => b.start - a.start)) {
    const segment = text.slice(literal.start, literal.end);
    if (segment.includes('\n')) continue;
    const lineStart = text.lastIndexOf('\n', literal.start - 1) + 1;
    const lineEnd = text.indexOf('\n', literal.end) === -1 ? text.length : text.indexOf('\n', literal.end);
    const line = text.slice(lineStart, lineEnd);
    if (seenLines.has(lineStart) || lineLength(line) <= MAX_LINE || MARKER.test(line)) continue;
    const replacement = splitLiteral(text, literal);
    if (replacement === null) continue;
    seenLines.add(lineStart);
    edits.push({ start: literal.start, end: literal.end, replacement });
  }
  let out = text;
  for (const { start, end, replacement } of edits) out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}
