import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/commands/tokenize.js';

describe('tokenize (shell word splitting)', () => {
  it.each([
    ['docker service ls', ['docker', 'service', 'ls']],
    ['  docker   service\tls  ', ['docker', 'service', 'ls']],
    [
      `docker service update --health-cmd 'curl -f http://x || exit 1' web`,
      ['docker', 'service', 'update', '--health-cmd', 'curl -f http://x || exit 1', 'web'],
    ],
    ['echo "a \\"b\\" \\$x \\q"', ['echo', 'a "b" $x \\q']],
    ["echo 'it''s'", ['echo', 'its']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo ""', ['echo', '']],
    ["echo ''x", ['echo', 'x']],
    ['echo a\\', ['echo', 'a\\']],
    [
      'docker service update \\\n  --update-parallelism 2 \\\n  --image nginx:latest my_service',
      ['docker', 'service', 'update', '--update-parallelism', '2', '--image', 'nginx:latest', 'my_service'],
    ],
    ['docker service ls # list them', ['docker', 'service', 'ls']],
    ['echo a#b', ['echo', 'a#b']],
    ['', []],
  ])('%j', (line, words) => {
    expect(tokenize(line)).toEqual(words);
  });

  it('reports an unterminated quote', () => {
    expect(() => tokenize("docker service update --image 'nginx web")).toThrowError(
      "swarmlab: syntax error: unterminated quoted string (missing closing ')",
    );
    expect(() => tokenize('echo "abc')).toThrowError(
      'swarmlab: syntax error: unterminated quoted string (missing closing ")',
    );
  });
});
