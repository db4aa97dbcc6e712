// The loaders' message table: every error has an English and a French text with the same parameters, all filled.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_TEXTS, type InputTextKey, inputText, renderInput } from '../../src/input-messages.js';

const KEYS = Object.keys(INPUT_TEXTS.en) as InputTextKey[];
const params = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const LEFT_OVER = /\{\w+\}/;

/** Every .ts file under `dir`, but the table itself. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('input-messages.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the loader message table (src/input-messages.ts)', () => {
  it('has the same keys in French and English, each a non-empty text', () => {
    expect(Object.keys(INPUT_TEXTS.fr).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect(INPUT_TEXTS.en[key].trim(), key).not.toBe('');
      expect(INPUT_TEXTS.fr[key].trim(), key).not.toBe('');
    }
    expect(KEYS.length).toBeGreaterThan(100);
  });

  it('has a French text that is not the English one, except Docker’s own words', () => {
    const same = KEYS.filter((key) => INPUT_TEXTS.en[key] === INPUT_TEXTS.fr[key]);
    expect(same).toEqual(['docker']);
  });

  it('names the same parameters in both languages, and fills every one of them', () => {
    for (const key of KEYS) {
      const names = params(INPUT_TEXTS.en[key]);
      expect(params(INPUT_TEXTS.fr[key]), key).toEqual(names);
      const text = inputText(key, Object.fromEntries(names.map((name) => [name, `<${name}>`])));
      for (const lang of ['en', 'fr'] as const) {
        const rendered = renderInput(text, lang);
        expect(rendered, `${key} (${lang})`).not.toMatch(LEFT_OVER);
        for (const name of names) expect(rendered, `${key} (${lang})`).toContain(`<${name}>`);
      }
    }
  });

  it('renders nested texts in the same language', () => {
    const text = inputText('atPath', {
      path: 'steps',
      message: inputText('expected', { what: inputText('what.steps'), got: inputText('got.mapping') }),
    });
    expect(renderInput(text, 'en')).toBe('steps: expected a list of steps, got a mapping');
    expect(renderInput(text, 'fr')).toBe('steps : attendu une liste d’étapes, reçu un mapping');
    expect(renderInput(inputText('expected', { got: '3' }), 'en')).toBe('expected {what}, got 3');
  });

  it('has no key the loaders and the page never use', () => {
    const code = [...sources('src'), ...sources('web')].join('\n');
    const unused = KEYS.filter((key) => {
      if (key === 'docker') return !code.includes('dockerText(');
      const what = /^what\.(.+)$/.exec(key);
      return !code.includes(`'${what ? what[1] : key}'`);
    });
    expect(unused).toEqual([]);
  });
});
