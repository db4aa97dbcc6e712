// scripts/rewrap-lines.mjs on samples: comments rewrapped word for word, strings split only where the value stays.
import { describe, expect, it } from 'vitest';

type Rewrap = (text: string, path: string, options?: { templates?: boolean }) => string;
type Meaning = (text: string, path: string) => string;
const SCRIPTS = new URL('../../scripts/', import.meta.url).href;
const { rewrapText } = (await import(`${SCRIPTS}rewrap-lines.mjs`)) as { rewrapText: Rewrap };
const { meaning } = (await import(`${SCRIPTS}check-rewrap-values.mjs`)) as { meaning: Meaning };

/** `n` words of `w` characters each ("aaaa bbbb …"), to build lines of a known length. */
const words = (n: number, w = 4) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(w));
const lengths = (text: string) => text.split('\n').map((l) => [...l].length);

/** Rewraps `lines` as file `path`; the value check must hold for every sample. */
function rewrap(lines: string[], path = 'src/sample.ts', templates = false): string[] {
  const before = lines.join('\n');
  const after = rewrapText(before, path, { templates });
  expect(meaning(after, path)).toBe(meaning(before, path));
  return after.split('\n');
}

describe('comments', () => {
  it('a header over 120 goes on a // continuation line; the comment below it is not merged into it', () => {
    const header = `// ${words(25).join(' ')}`; // 3 + 25*5-1 = 127 characters
    expect(lengths(header)).toEqual([127]);
    expect(rewrap([header, '// Second comment.', 'export const a = 1;'])).toEqual([
      `// ${words(23).join(' ')}`,
      `// ${words(25).slice(23).join(' ')}`,
      '// Second comment.',
      'export const a = 1;',
    ]);
  });

  it('a // run at an indentation: the overflow goes into the next line of the paragraph, words kept in order', () => {
    const long = `  // ${words(24).join(' ')}`; // 5 + 119 = 124
    const out = rewrap(['// Header.', 'function f() {', long, '  // and the rest.', '  return 1;', '}']);
    expect(out).toEqual([
      '// Header.',
      'function f() {',
      `  // ${words(23).join(' ')}`,
      `  // ${words(24)[23]} and the rest.`,
      '  return 1;',
      '}',
    ]);
  });

  it('a sentence ending before a capitalised line, a list item or a directive: a new line, no merge', () => {
    const long = `// ${words(24).join(' ')} end.`; // ends with a full stop
    const out = rewrap(['// Header.', long, '// Next sentence.', long, '// - item', long, '// biome-ignore x: y']);
    expect(out.filter((l) => l.startsWith('// ') && l.endsWith('end.'))).toHaveLength(3);
    expect(out).toContain('// Next sentence.');
    expect(out).toContain('// - item');
    expect(out).toContain('// biome-ignore x: y');
    expect(Math.max(...lengths(out.join('\n')))).toBeLessThanOrEqual(120);
  });

  it('one-line JSDoc over 120: a block; a long line in a block pushes into its paragraph, not into a tag', () => {
    const one = `  /** ${words(23).join(' ')} */`; // 6 + 114 + 3 = 123
    const block = ['/**', ` * ${words(24).join(' ')}`, ' * more text.', ' * @param x the x', ' */'];
    const out = rewrap(['// Header.', 'class A {', one, '  x = 1;', '}', ...block, 'export function g(x: number) {}']);
    expect(out).toEqual([
      '// Header.',
      'class A {',
      '  /**',
      `   * ${words(23).join(' ')}`,
      '   */',
      '  x = 1;',
      '}',
      '/**',
      ` * ${words(23).join(' ')}`,
      ` * ${words(24)[23]} more text.`,
      ' * @param x the x',
      ' */',
      'export function g(x: number) {}',
    ]);
  });

  it('a comment after code moves above it; a comment inside a template literal is text and stays', () => {
    const code = 'export const total = 1 + 2;';
    const out = rewrap([
      '// Header.',
      `${code} // ${words(19).join(' ')}`,
      'export const t = `',
      `// ${words(30).join(' ')}`,
      '`;',
    ]);
    expect(out.slice(0, 3)).toEqual(['// Header.', `// ${words(19).join(' ')}`, code]);
    expect(out.slice(3)).toEqual(['export const t = `', `// ${words(30).join(' ')}`, '`;']);
  });

  it('a line with the marker, a URL longer than the line and aligned text stay as they are', () => {
    const lines = [
      '// Header.',
      `// ${words(25).join(' ')} // line-length: ok a recorded Docker output`,
      `// see https://example.com/${'x'.repeat(120)}`,
      `// ${words(13).join('  ')}  ${words(12).join('  ')}`,
    ];
    const out = rewrap(lines);
    expect(out[1]).toBe(lines[1]);
    expect(out[2]).toBe(`// see`);
    expect(out[3]).toBe(`// https://example.com/${'x'.repeat(120)}`);
    expect(out[4]).toBe(lines[3]);
  });
});

describe('strings', () => {
  it("a call argument is cut after a space into 'a ' + 'b', each piece within 120", () => {
    const text = words(26).join(' '); // 129 characters
    const out = rewrap(['// Header.', `throw new Error('${text}');`]);
    expect(out).toEqual([
      '// Header.',
      `throw new Error('${words(20).join(' ')} ' +`,
      `  '${words(26).slice(20).join(' ')}');`,
    ]);
  });

  it("quotes and escapes stay whole: \\' and \\\\ are never cut, a \\ followed by a space is not a cut point", () => {
    const text = `it\\'s ${words(10).join(' ')} a\\ b \\\\ ${words(14).join(' ')} "q"`;
    const out = rewrap(['// Header.', `export const s = ['${text}'];`]);
    expect(out.length).toBe(3);
    expect(out[1]).toMatch(/^export const s = \['it\\'s .* ' \+$/);
    expect(out.join('\n')).toContain('a\\ b');
    expect(Math.max(...lengths(out.join('\n')))).toBeLessThanOrEqual(120);
  });

  it('a double-quoted string holding a quote keeps its double quotes in every piece', () => {
    const text = `don't ${words(25).join(' ')}`;
    const out = rewrap(['// Header.', `f("${text}");`]);
    expect(out[1].startsWith('f("don\'t ') && out[1].endsWith('" +')).toBe(true);
    expect(out[2]).toMatch(/^ {2}"[a-z ]+"\);$/);
  });

  it("places where 'a' + 'b' would not mean the same are left: keys, imports, members, types, as const", () => {
    const long = words(25).join(' ');
    const lines = [
      '// Header.',
      `import x from '${long}';`,
      `export const o = { '${long}': x };`,
      `export const n = '${long}'.length;`,
      `export type T = '${long}';`,
      `export const k = ['${long}'] as const;`,
      `export const u = \`${long} \${x}\`;`,
      `export const h = html\`${long}\`;`,
      `export const m = '${long}'; // line-length: ok marked`,
    ];
    expect(rewrap(lines)).toEqual(lines);
  });

  it('a test title before its callback stays whole (a concatenation would re-indent the whole test body)', () => {
    const line = `it('${words(24).join(' ')}', () => {`;
    expect(rewrap(['// Header.', line, '});'])).toEqual(['// Header.', line, '});']);
  });

  it('--templates: an untagged template is cut in its text, not in a substitution; one without any is a string', () => {
    const line = `export const f = (x: string) => \`\${x} ${words(22).join(' ')} \${x.length} end\`;`;
    const out = rewrap(['// Header.', line], 'src/sample.ts', true);
    expect(out).toEqual([
      '// Header.',
      `export const f = (x: string) => \`\${x} ${words(15).join(' ')} \` +`,
      `  \`${words(22).slice(15).join(' ')} \${x.length} end\`;`,
    ]);
    const plain = `export const g = \`${words(25).join(' ')}\`;`;
    expect(rewrap(['// Header.', plain], 'src/sample.ts', true)[2]).toMatch(/^ {2}'[a-z ]+';$/);
  });
});

describe('the value check', () => {
  it('folds the pieces back and sees a lost space, a changed word or a moved comment-like string', () => {
    const path = 'src/sample.ts';
    expect(meaning("f('a b' + x);", path)).toBe(meaning("f('a ' +\n  'b' + x); // note", path));
    expect(meaning("f('a b');", path)).not.toBe(meaning("f('a' + 'b');", path));
    expect(meaning('const t = `// a b`;', path)).not.toBe(meaning('const t = `// a\n// b`;', path));
  });
});
