// `swarmlab run` as a user runs it, a whole process: create, converge, update and settle N replicas; wall ms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The scenario: N replicas on 1,000 nodes, updated 50 at a time to an image 5 % of whose containers fail. */
export function wholeRunScenario(replicas: number): string {
  return [
    `name: bench-${replicas}`,
    'cluster:',
    '  nodes: 1000',
    'images:',
    '  app:v2: {exit: 1, after: 2s, fail_fraction: 0.05}',
    'steps:',
    `  - docker service create -d --name bench --replicas ${replicas} --restart-condition none ` +
      '--update-parallelism 50 --update-failure-action continue app:v1',
    '  - wait: converged',
    '  - docker service update -d --image app:v2 bench',
    '  - wait: settled',
    '',
  ].join('\n');
}

/** Wall ms of `node dist/cli/main.js run FILE` for each repeat (the built CLI: `npm run build:cli` first). */
export function measureWholeRun(replicas: number, repeats: number): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'swarmlab-bench-run-'));
  try {
    const file = join(dir, `bench-${replicas}.yaml`);
    writeFileSync(file, wholeRunScenario(replicas));
    return Array.from({ length: repeats }, () => {
      const started = performance.now();
      execFileSync(process.execPath, ['dist/cli/main.js', 'run', file], { stdio: 'ignore' });
      return performance.now() - started;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
