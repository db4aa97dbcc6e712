// scripts/check-line-length.mjs in a scratch git repository: which files it reads, what it counts, what it reports.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-line-length.mjs', import.meta.url));

/** A git repository holding `files` (tracked unless named in `untracked`). */
function repo(files: Record<string, string>, untracked: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'line-length-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  spawnSync('git', ['init', '-q'], { cwd: dir });
  const tracked = Object.keys(files).filter((f) => !untracked.includes(f));
  spawnSync('git', ['add', ...tracked], { cwd: dir });
  return dir;
}

const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync('node', [SCRIPT, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const line = (n: number, prefix = '// ') => prefix + 'x'.repeat(n - prefix.length);

describe('check-line-length', () => {
  it('reports file:line: N characters for each line over 120 in the covered tracked files, and fails', () => {
    const dir = repo(
      {
        'src/a.ts': `// a\n${line(120)}\n${line(121)}\n`,
        'web/b.css': `/* b */\n${line(130, '/* ')}\n`,
        'scripts/c.mjs': `${line(125)}\n`,
        'test/fixtures/out.ts': `${line(200)}\n`,
        'test/recorded.json': `"${'x'.repeat(200)}"\n`,
        'src/notes.md': `${line(200)}\n`,
        'package-lock.json': `"${'x'.repeat(200)}"\n`,
        'src/untracked.ts': `${line(200)}\n`,
      },
      ['src/untracked.ts'],
    );
    const r = run(dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'scripts/c.mjs:1: 125 characters (max 120)',
      'src/a.ts:3: 121 characters (max 120)',
      'web/b.css:2: 130 characters (max 120)',
    ]);
    expect(r.stderr).toContain('3 line(s) over 120 characters');
  });

  it('counts characters, not UTF-16 units or bytes; a marker with a reason excuses a line, a bare one does not', () => {
    const accented = `// ${'é→'.repeat(58)}.`; // 120 characters, 238 bytes
    const marked = `export const u = 'https://example.com/${'x'.repeat(100)}'; // line-length: ok a URL`;
    const bare = `export const v = '${'x'.repeat(110)}'; // line-length: ok`;
    const dir = repo({ 'src/a.ts': `${accented}\n${marked}\n${bare}\n` });
    const r = run(dir);
    expect(r.stderr.split('\n')[0]).toBe(`src/a.ts:3: ${[...bare].length} characters (max 120)`);
    expect(r.code).toBe(1);
  });

  it('the baseline excuses the lines it lists wherever they move, but not a new long line', () => {
    const old = line(130);
    const dir = repo({ 'src/a.ts': `// a\n${old}\n` });
    expect(run(dir).code).toBe(1);
    const update = run(dir, '--update-baseline');
    expect(update.stdout).toBe('check-line-length: 1 line(s) over 120 listed in scripts/line-length-baseline.txt\n');
    writeFileSync(join(dir, 'src/a.ts'), `// a\n// moved down\n${old}\n`);
    expect(run(dir)).toEqual({
      code: 0,
      stdout: 'check-line-length: 1 older line(s) over 120 still in scripts/line-length-baseline.txt\n',
      stderr: '',
    });
    writeFileSync(join(dir, 'src/a.ts'), `// a\n${old}\n${line(121)}\n`);
    const r = run(dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('src/a.ts:3: 121 characters (max 120)');
  });
});
