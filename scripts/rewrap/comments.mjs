// Rewraps over-long `//` comment runs and `/** */` paragraphs to the line limit at the same indentation, moving the
// overflow into the next line of the same paragraph (or onto new lines); the text of each comment stays word for word.
import { lineLength, MARKER, MAX_LINE } from '../line-length-files.mjs';

/** Comments tools read: their text must stay on one line. */
const DIRECTIVE = /^(biome-ignore|@ts-|eslint|prettier-ignore|#|<reference|istanbul|c8 |v8 |@vitest|@jsx)/;
/** A line that starts a block of its own: a list item, a tag, a table row, a code fence. */
const STARTS_BLOCK = /^([-*+] |\d+[.)] |@|\||```|>)/;

/** Greedy fill of `words` into lines of at most `width` characters (a longer word stands alone). */
export function fill(words, width) {
  const lines = [];
  let current = '';
  for (const word of words) {
    if (current === '') current = word;
    else if (lineLength(current) + 1 + lineLength(word) <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** Text a wrap may reflow: single spaces only (two spaces mean alignment), no directive. */
function wrappable(text) {
  return text.trim() !== '' && !text.includes('  ') && !/^\s/.test(text) && !DIRECTIVE.test(text);
}

/** `indent`, `prefix` (`// `, ` * `) and text of a comment line, or null. */
function parseLine(line, kind) {
  const m = kind === 'slash' ? /^(\s*)(\/\/ ?)(.*)$/.exec(line) : /^(\s*)( \* ?|\* ?)(.*)$/.exec(line);
  if (!m || (kind === 'slash' && m[3].startsWith('/'))) return null;
  return { indent: m[1], prefix: m[2], text: m[3] };
}

/** Whether line `next` carries on the paragraph of a line ending with `lastWord` (same indent and prefix). */
function continues(next, head, lastWord) {
  if (!next || next.indent !== head.indent || next.prefix !== head.prefix || !wrappable(next.text)) return false;
  if (STARTS_BLOCK.test(next.text) || MARKER.test(next.text)) return false;
  return !(/[.:!?]$/.test(lastWord) && /^[A-Z]/.test(next.text));
}

/**
 * Rewraps the paragraph whose line `i` of `lines` is too long; `kind` 'slash' (`//`) or 'star' (` * ` in a block);
 * `isHeader`: the overflow goes onto new lines, never into the next comment. Returns the new lines and the index
 * of the first input line not consumed (the overflow is carried into following lines of the same paragraph).
 */
function wrapRun(lines, i, kind, isHeader, protectedLine) {
  const head = parseLine(lines[i], kind);
  if (!head || !wrappable(head.text) || MARKER.test(head.text)) return { out: [lines[i]], next: i + 1 };
  const width = MAX_LINE - lineLength(head.indent) - lineLength(head.prefix.trimEnd()) - 1;
  const make = (text) => `${head.indent}${head.prefix.trimEnd()} ${text}`;
  let [first, ...carry] = fill(head.text.split(' '), width);
  const out = [make(first)];
  let j = i + 1;
  while (carry.length > 0) {
    const next = !isHeader && j < lines.length && !protectedLine(j) ? parseLine(lines[j], kind) : null;
    const lastWord = carry[carry.length - 1].split(' ').pop();
    if (next && lineLength(lines[j]) <= MAX_LINE && continues(next, head, lastWord)) {
      [first, ...carry] = fill([...carry.join(' ').split(' '), ...next.text.split(' ')], width);
      out.push(make(first));
      j++;
    } else {
      out.push(...carry.map(make));
      carry = [];
    }
  }
  return { out, next: j };
}

/** A one-line `/** text *\/` over the limit as a block: opener, ` * ` lines, closer; null when it cannot be. */
function openOneLiner(line) {
  const m = /^(\s*)\/\*\*\s(.*?)\s*\*\/$/.exec(line);
  if (!m || !wrappable(m[2]) || m[2].includes('*/')) return null;
  const width = MAX_LINE - lineLength(m[1]) - 3;
  return [`${m[1]}/**`, ...fill(m[2].split(' '), width).map((t) => `${m[1]} * ${t}`), `${m[1]} */`];
}

/** A comment after code (`code; // why`) moved onto its own lines above, when the code alone fits; or null. */
function liftTrailing(line, commentColumn) {
  const code = line.slice(0, commentColumn).trimEnd();
  const text = line
    .slice(commentColumn)
    .replace(/^\/\/ ?/, '')
    .trim();
  if (lineLength(code) > MAX_LINE || !wrappable(text) || code.trim() === '') return null;
  const comment = `${/^\s*/.exec(line)[0]}// ${text}`;
  return [...wrapRun([comment], 0, 'slash', true, () => false).out, code];
}

/**
 * Rewraps the comments of `text`. `protectedLine(i)`: line i lies inside a multi-line literal (left as is);
 * `trailingComment(i)`: column of a real `//` comment after code on line i, or -1 (unknown for non-script files).
 */
export function rewrapComments(text, { protectedLine = () => false, trailingComment = () => -1 } = {}) {
  const lines = text.split('\n');
  const out = [];
  const firstCode = lines[0]?.startsWith('#!') ? 1 : 0;
  let inBlock = false;
  let inFence = false;
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    const trimmed = line.trim();
    const long = lineLength(line) > MAX_LINE && !MARKER.test(line);
    let edit = null;
    if (protectedLine(i)) {
      // inside a template literal or a string: not a comment
    } else if (inBlock) {
      if (trimmed.replace(/^\*\s?/, '').startsWith('```')) inFence = !inFence;
      if (trimmed.includes('*/')) inBlock = false;
      else if (!inFence && long) edit = wrapRun(lines, i, 'star', false, protectedLine);
    } else if (trimmed.startsWith('/*')) {
      if (!trimmed.includes('*/', 2)) inBlock = true;
      else if (long) {
        const block = openOneLiner(line);
        if (block) edit = { out: block, next: i + 1 };
      }
    } else if (long && trimmed.startsWith('//')) {
      edit = wrapRun(lines, i, 'slash', i === firstCode, protectedLine);
    } else if (long) {
      const column = trailingComment(i);
      const lifted = column > 0 ? liftTrailing(line, column) : null;
      if (lifted) edit = { out: lifted, next: i + 1 };
    }
    if (edit) {
      out.push(...edit.out);
      i = edit.next;
    } else {
      out.push(line);
      i++;
    }
  }
  return out.join('\n');
}
