// The literals of a script as @swc/core parses it: where each string, template and regex lies (character offsets),
// whether its place in the expression lets it become a `'…' + '…'` concatenation, and the lines they cover.
import { parseSync } from '@swc/core';

/**
 * Places where `x` may become `(x1 + x2)` without brackets: the literal is a whole operand of nothing tighter than `+`
 * (a call argument, an initializer, a property value, a `+` operand, a branch of `?:`…), never a key, an import
 * source, a type, a member's object, a tag's template or an `as const` value.
 */
const SAFE_PLACES = new Set([
  'CallExpression.arguments.expression',
  'NewExpression.arguments.expression',
  'OptionalChainingCall.args.expression',
  'ArrayExpression.elements.expression',
  'VariableDeclarator.init',
  'KeyValueProperty.value',
  'AssignmentExpression=.right',
  'AssignmentExpression+=.right',
  'AssignmentPattern.right',
  'ReturnStatement.argument',
  'ThrowStatement.argument',
  'ArrowFunctionExpression.body',
  'ConditionalExpression.consequent',
  'ConditionalExpression.alternate',
  'BinaryExpression+.left',
  'BinaryExpression+.right',
  'ParenthesisExpression.expression',
  'ClassProperty.value',
]);

/**
 * Ancestors that rule a cut out: where a literal's exact type matters (`['a', 'b'] as const`), and templates (a
 * literal inside `${…}` is not what makes the line long: the template around it is).
 */
const NO_CUT_BELOW = new Set([
  'TsConstAssertion',
  'TsAsExpression',
  'TsSatisfiesExpression',
  'TsEnumMember',
  'TemplateLiteral',
  'TaggedTemplateExpression',
]);

/** UTF-8 byte offset → UTF-16 index, for the spans swc reports. */
function byteToIndex(text) {
  const map = new Int32Array(Buffer.byteLength(text) + 2);
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i);
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k++) map[byte + k] = i;
    byte += size;
    if (code >= 0x10000) i++;
  }
  map[byte] = text.length;
  map[byte + 1] = text.length;
  return map;
}

/** Whether `path` is a script the parser reads (TypeScript or JavaScript). */
/** The offset in the text where each line starts. */
export function lineStarts(lines) {
  const starts = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

export function isScript(path) {
  return /\.(ts|mts|cts|js|mjs|cjs)$/.test(path);
}

/**
 * Every string, template and regex literal of `text`: { type, start, end, parts, splittable } with character offsets,
 * `parts` (a template's text ranges), `splittable` when its place is safe for a concatenation (templates: untagged ones
 * only).
 */
export function findLiterals(text, path) {
  const typescript = /\.[mc]?ts$/.test(path);
  const ast = parseSync(text, {
    syntax: typescript ? 'typescript' : 'ecmascript',
    target: 'es2022',
    decorators: true,
    comments: false,
  });
  const toIndex = byteToIndex(text);
  // swc counts bytes from 1 in a fresh parse; checked below against each string's raw text.
  const at = (pos) => toIndex[pos - 1];
  const literals = [];
  const walk = (node, parentType, key, typed) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, parentType, key, typed);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (typeof node.type !== 'string') {
      // A spread argument (`f(...'ab')`) iterates the string: not a place for a concatenation.
      const through = node.spread ? `${key}.spread` : key;
      for (const [k, v] of Object.entries(node)) if (k !== 'span') walk(v, parentType, `${through}.${k}`, typed);
      return;
    }
    const place = `${parentType}.${key}`;
    if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral' || node.type === 'RegExpLiteral') {
      const start = at(node.span.start);
      const end = at(node.span.end);
      let splittable = SAFE_PLACES.has(place) && !typed;
      if (node.type === 'StringLiteral' && text.slice(start, end) !== node.raw) {
        throw new Error(`${path}: swc offsets do not match the text at ${node.raw}`);
      }
      if (node.type === 'RegExpLiteral') splittable = false;
      // A template's text parts (between `` ` `` or `}` and `${` or `` ` ``), where a cut may fall.
      const parts = (node.quasis ?? []).map((q) => [at(q.span.start), at(q.span.end)]);
      if (parts.some(([from, to], i) => text.slice(from, to) !== node.quasis[i].raw)) {
        throw new Error(`${path}: swc offsets do not match the text of a template at ${start}`);
      }
      literals.push({ type: node.type, start, end, splittable, parts });
    }
    const childTyped = typed || NO_CUT_BELOW.has(node.type);
    // Operators name the place: only `+` operands and `=` / `+=` right sides take a concatenation as they are.
    const name = node.operator === undefined ? node.type : `${node.type}${node.operator}`;
    for (const [k, v] of Object.entries(node)) if (k !== 'span' && k !== 'type') walk(v, name, k, childTyped);
  };
  walk(ast, 'Module', 'body', false);
  return literals;
}

/** The 0-based lines whose start lies inside a literal (the inner lines of a multi-line template). */
export function linesInsideLiterals(text, literals) {
  const inside = new Set();
  const starts = [];
  for (let i = 0; i <= text.length; i++) {
    if (i === 0 || text[i - 1] === '\n') starts.push(i);
  }
  for (const { start, end } of literals) {
    for (let n = 0; n < starts.length; n++) if (starts[n] > start && starts[n] < end) inside.add(n);
  }
  return inside;
}
