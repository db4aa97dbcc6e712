import { describe, expect, it } from 'vitest';
import { displayWidth, tabwrite } from '../../src/render/tabwriter.js';

const plain = { minwidth: 0, tabwidth: 8, padding: 1, padchar: '.' };

describe('tabwrite (Go text/tabwriter)', () => {
  it('pads tab-terminated cells to the column width; the trailing cell is not padded', () => {
    expect(tabwrite('a\tbbb\tc\naaaa\tb\tcc\n', plain)).toBe('a....bbb.c\naaaa.b...cc\n');
  });

  it('a column only spans contiguous lines that have a cell in it (Go doc example)', () => {
    const input = 'aaaa|bbb|d\naa|b|dd\na|\naa|cccc|eee\n'.replace(/\|/g, '\t');
    expect(tabwrite(input, plain)).toBe('aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n');
  });

  it("applies docker's minwidth 10 and padding 3, keeping the padding of an empty last column", () => {
    expect(tabwrite('ID\tNAME\tPORTS\nabc\tlongername-here\t\n')).toBe(
      'ID        NAME              PORTS\nabc       longername-here   \n',
    );
  });

  it('writes text without a final newline as is, and a line without tabs ends the column block', () => {
    expect(tabwrite('a\tb\nno tabs\nccc\td', plain)).toBe('a.b\nno tabs\nccc.d');
    expect(tabwrite('x\t', plain)).toBe('x');
  });

  it('measures wide characters as two columns', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(tabwrite('日本\tx\nab\ty\n', plain)).toBe('日本.x\nab...y\n');
  });
});
