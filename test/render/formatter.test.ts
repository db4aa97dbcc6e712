import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CliError,
  ellipsis,
  familiarImage,
  formatWrite,
  naturalCompare,
  parseFilters,
  prettyPrint,
  truncateId,
} from '../../src/render/formatter.js';
import { GoDuration, GoTime, goFloat, goJson, goStruct } from '../../src/render/gojson.js';

describe('docker formatter helpers', () => {
  it('natural sort: numbers by value, digits before letters, fewer leading zeros first', () => {
    expect(['web.10', 'web.2', 'web.1', 'api', 'web.02', 'web.a', 'web'].sort(naturalCompare)).toEqual([
      'api',
      'web',
      'web.1',
      'web.2',
      'web.02',
      'web.10',
      'web.a',
    ]);
  });

  it('natural sort by code unit orders as sortorder does over UTF-8 bytes (surrogates, U+E000 and up too)', () => {
    // sortorder.NaturalLess transcribed over UTF-8 bytes, as Go runs it on a string.
    const goNaturalLess = (left: string, right: string): boolean => {
      const [a, b] = [new TextEncoder().encode(left), new TextEncoder().encode(right)];
      const digit = (x: number) => x >= 0x30 && x <= 0x39;
      let [i, j] = [0, 0];
      while (i < a.length && j < b.length) {
        if (digit(a[i]) !== digit(b[j])) return digit(a[i]);
        if (!digit(a[i])) {
          if (a[i] !== b[j]) return a[i] < b[j];
          i++;
          j++;
          continue;
        }
        while (i < a.length && a[i] === 0x30) i++;
        while (j < b.length && b[j] === 0x30) j++;
        const [startA, startB] = [i, j];
        while (i < a.length && digit(a[i])) i++;
        while (j < b.length && digit(b[j])) j++;
        if (i - startA !== j - startB) return i - startA < j - startB;
        for (let k = 0; k < i - startA; k++) if (a[startA + k] !== b[startB + k]) return a[startA + k] < b[startB + k];
        if (startA !== startB) return startA < startB;
      }
      return a.length < b.length;
    };
    const text = fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '.', 'a', 'Z', 'é', '\ue000', '😀', '\uffff') });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const expected = goNaturalLess(a, b) ? -1 : goNaturalLess(b, a) ? 1 : 0;
        expect(naturalCompare(a, b)).toBe(expected);
      }),
      { numRuns: 5_000, seed: 7 },
    );
  });

  it('familiar image names drop the digest and docker.io/library only when a tag is present', () => {
    const digest = `@sha256:${'c'.repeat(64)}`;
    expect(familiarImage(`nginx:1.27${digest}`)).toBe('nginx:1.27');
    expect(familiarImage(`docker.io/library/redis:7${digest}`)).toBe('redis:7');
    expect(familiarImage(`docker.io/bitnami/redis:7${digest}`)).toBe('bitnami/redis:7');
    expect(familiarImage(`registry.local:5000/team/app:v2${digest}`)).toBe('registry.local:5000/team/app:v2');
    expect(familiarImage(`nginx${digest}`)).toBe(`nginx${digest}`);
    expect(familiarImage('sha256:ce65937d5463f72210abfa56a32174e08baf322528e5fc69d80d65bb409a3e8f')).toBe(
      'sha256:ce65937d5463f72210abfa56a32174e08baf322528e5fc69d80d65bb409a3e8f',
    );
    expect(familiarImage('Bad:Ref')).toBe('Bad:Ref');
  });

  it('ellipsis, PrettyPrint and TruncateID', () => {
    expect(ellipsis('abcdefghij', 5)).toBe('abcd…');
    expect(ellipsis('abcde', 5)).toBe('abcde');
    expect(ellipsis('日本語テキスト', 6)).toBe('日本…');
    expect(prettyPrint('rollback_started')).toBe('Rollback_started');
    expect(prettyPrint('RUNNING')).toBe('Running');
    expect(prettyPrint('X')).toBe('x');
    expect(truncateId('sha256:0123456789abcdef')).toBe('0123456789ab');
  });

  it('parses -f flags and rejects a value without =', () => {
    expect([...parseFilters([' Name = web ', 'name=api', 'id=x'])]).toEqual([
      ['name', ['web', 'api']],
      ['id', ['x']],
    ]);
    expect(() => parseFilters(['oops'])).toThrow(CliError);
  });
});

describe('formatWrite (formatter.Context.Write)', () => {
  const rows = [goStruct('*x.ctx', { ID: 'a1', Name: 'alpha' }), goStruct('*x.ctx', { ID: 'b22', Name: '' })];
  const header = { ID: 'ID', Name: 'NAME' };

  it('table formats get a header built from the same template, aligned by tabwriter', () => {
    expect(formatWrite('table {{.ID}}\\t{{.Name}}', rows, header)).toBe(
      'ID        NAME\na1        alpha\nb22       \n',
    );
    expect(formatWrite('table {{.ID}}\\t{{pad .Name 1 1}}|', rows, header)).toBe(
      'ID         NAME |\na1         alpha |\nb22       |\n',
    );
  });

  it('non-table formats print one line per row, `\\n` escapes allowed, no header', () => {
    expect(formatWrite('{{.ID}}:{{.Name}}\\n--', rows, header)).toBe('a1:alpha\n--\nb22:\n--\n');
  });

  it('a bad template is docker\'s "template parsing error"', () => {
    expect(() => formatWrite('{{.ID', rows, header)).toThrow('template parsing error: template: :1: unclosed action');
  });
});

describe('Go JSON and fmt values', () => {
  it('keeps struct order, omits empty omitempty fields, sorts maps, escapes HTML like encoding/json', () => {
    const value = goStruct(
      'T',
      { Z: 1, A: '', Delay: new GoDuration(0), When: new GoTime('2026-01-01T00:00:01.500Z'), M: { b: '<', a: 'x' } },
      ['A', 'Delay'],
    );
    expect(goJson(value)).toBe('{"Z":1,"When":"2026-01-01T00:00:01.5Z","M":{"a":"x","b":"\\u003c"}}');
    expect(goJson([value], { indent: '  ' })).toBe(
      '[\n  {\n    "Z": 1,\n    "When": "2026-01-01T00:00:01.5Z",\n    "M": {\n      "a": "x",\n      "b": ' +
        '"\\u003c"\n    }\n  }\n]',
    );
    expect(goJson({ e: [], o: {}, s: 'a"b\\\n\u0001' })).toBe('{"e":[],"o":{},"s":"a\\"b\\\\\\n\\u0001"}');
  });

  it('prints floats the way fmt %v does', () => {
    expect([0.25, 1e6, 123456, 1e-5, 0.0001].map(goFloat)).toEqual(['0.25', '1e+06', '123456', '1e-05', '0.0001']);
  });
});
