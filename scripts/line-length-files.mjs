// The line-length rule written once: the limit, the files it covers (tracked sources of src, web, test, scripts, bench)
// and the marker a line that truly cannot be split carries.
import { execFileSync } from 'node:child_process';

export const MAX_LINE = 120;

/** A line ending with this marker and a reason (in a `//`, `/* *\/` or `<!-- -->` comment) may be longer. */
export const MARKER = /line-length: ok \S/;

const ROOTS = ['src', 'web', 'test', 'scripts', 'bench'];
const EXTENSIONS = /\.(ts|mts|cts|mjs|cjs|js|json|jsonc|css|html)$/;
/** Recorded outputs kept verbatim (fixtures, JSON data in tests) and lock files. */
const EXCLUDED = [/^test\/fixtures\//, /^test\/.*\.json$/, /(^|\/)package-lock\.json$/, /(^|\/)[^/]*\.lock$/];

/** Whether a repository path is one the rule covers. */
export function coveredPath(path) {
  return (
    ROOTS.some((root) => path.startsWith(`${root}/`)) && EXTENSIONS.test(path) && !EXCLUDED.some((re) => re.test(path))
  );
}

/** The tracked files the rule covers, relative to `cwd` (a git work tree). */
export function trackedFiles(cwd = process.cwd()) {
  const out = execFileSync('git', ['ls-files', '-z', '--', ...ROOTS], { cwd, encoding: 'utf8' });
  return out.split('\0').filter((path) => path !== '' && coveredPath(path));
}

/** Characters as an editor counts them: code points, not UTF-16 units. */
export function lineLength(line) {
  let n = 0;
  for (const _ of line) n++;
  return n;
}

/** The 1-based numbers and lengths of the lines over the limit that carry no marker. */
export function longLines(text) {
  const found = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const length = lineLength(line);
    if (length > MAX_LINE && !MARKER.test(line)) found.push({ line: i + 1, length });
  });
  return found;
}
