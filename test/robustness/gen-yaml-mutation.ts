// fast-check generators of broken YAML files: mutations of real ones (deleted keys, wrong types, junk, truncation).
import fc from 'fast-check';

/** Values of every wrong type and some hostile ones, to put where a scalar was. */
const JUNK_VALUES = [
  '',
  '~',
  'null',
  'true',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '1e400',
  '.nan',
  '-.inf',
  '0x1F',
  '[]',
  '{}',
  '[1, [2]]',
  '{a: 1}',
  '"unterminated',
  "'x",
  '&anchor x',
  '*nope',
  '!!binary aGVsbG8=',
  '!!timestamp 2001-12-14',
  '!custom x',
  '|',
  '>-',
  '- item',
  'a: b: c',
  '@',
  '`',
  '%',
  '"\\u0000"',
  'ünïcødé 🐳',
  '{{.ID}}',
  '10s',
  '-5s',
  '1d',
  'never',
  'docker service ls',
  'wait: 3s',
  '[wait: 3s]',
  'converged',
  'settled',
  '2562047h',
  'nginx:bad',
  'manager',
  'drain',
  'toString',
  '__proto__',
  'constructor',
  '<<: *a',
  '? complex',
  '\t',
  '#comment',
  'undefinedish',
];
const JUNK_LINES = [
  'junk',
  '  - docker service ls',
  '- wait: 1s',
  'steps:',
  'name: dup',
  '  nested: {a: 1}',
  '\t tab',
  ':',
  '---',
  '...',
  '- -',
  '%YAML 1.2',
  'x: &a {b: 1}',
  'y: *a',
  '<<: {seed: 3}',
  '__proto__: {polluted: true}',
  'constructor: 1',
  'toString: x',
  '  image: app:v1',
  '    deploy: {replicas: -1}',
  'services: []',
  'images: {x: {exit: banana}}',
  '"\\xff": 1',
  '? [a]',
];

export type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'delete-block'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'replace-value'; at: number; junk: string }
  | { kind: 'insert-line'; at: number; junk: string; indent: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'reindent'; at: number; delta: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'bytes'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at): Mutation => ({ kind: 'delete-line', at })),
  fc.nat().map((at): Mutation => ({ kind: 'delete-block', at })),
  fc.nat().map((at): Mutation => ({ kind: 'truncate', at })),
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.nat(),
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...JUNK_VALUES) },
          { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
        ),
      )
      .map(([at, junk]): Mutation => ({ kind: 'replace-value', at, junk })),
  },
  fc
    .tuple(fc.nat(), fc.constantFrom(...JUNK_LINES), fc.integer({ min: 0, max: 6 }))
    .map(([at, junk, indent]): Mutation => ({ kind: 'insert-line', at, junk, indent })),
  fc.nat().map((at): Mutation => ({ kind: 'duplicate-line', at })),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, delta]): Mutation => ({ kind: 'reindent', at, delta })),
  fc.tuple(fc.nat(), fc.nat()).map(([at, other]): Mutation => ({ kind: 'swap-lines', at, other })),
  fc
    .tuple(fc.nat(), fc.string({ maxLength: 3, unit: 'binary' }))
    .map(([at, text]): Mutation => ({ kind: 'bytes', at, text })),
);

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** Applies one mutation; positions wrap around the text's lines (or characters). */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'delete-block': {
      // the line and every more-indented line after it: a key with its value
      let end = i + 1;
      while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]) > indentOf(lines[i]))) end++;
      lines.splice(i, end - i);
      break;
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'replace-value': {
      const match = /^(\s*(?:- )?[^:#]*:\s)(.*)$/.exec(lines[i]) ?? /^(\s*- )(.*)$/.exec(lines[i]);
      lines[i] = match ? match[1] + m.junk : lines[i] + m.junk;
      break;
    }
    case 'insert-line':
      lines.splice(i, 0, ' '.repeat(m.indent) + m.junk);
      break;
    case 'duplicate-line':
      lines.splice(i, 0, lines[i]);
      break;
    case 'reindent':
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + lines[i] : lines[i].slice(Math.min(-m.delta, indentOf(lines[i])));
      break;
    case 'swap-lines': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'bytes': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
  }
  return lines.join('\n');
}

/** One of `sources`, with 1 to 3 mutations applied. */
export function mutatedFile(
  sources: readonly { file: string; text: string }[],
): fc.Arbitrary<{ file: string; text: string; mutations: Mutation[] }> {
  return fc
    .tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([source, mutations]) => ({ file: source.file, text: mutations.reduce(mutate, source.text), mutations }));
}
