// The one-step reductions a minimiser tries: each step out (never the first), replicas lowered, each flag out.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioReductions } from '../../src/scenario/shrink.js';

const FILE = `name: cut-me
seed: 3
images:
  app:v2: {exit: 1, after: 2s}
steps:
  - docker service create -d --name web --replicas 3 --update-delay=2s --update-order start-first --init app:v1
  - wait: converged
  - docker service update -d --image app:v2 'web'
  - docker service scale -d web=2
expect:
  service: web
`;

describe('scenarioReductions', () => {
  it('cuts the last step first, lowers replicas, then leaves out each flag with its value', () => {
    expect(scenarioReductions(FILE).map((r) => r.what)).toEqual([
      'without step 4 (docker service scale -d web=2)',
      "without step 3 (docker service update -d --image app:v2 'web')",
      'without step 2 (wait: converged)',
      'step 1: --replicas 3 → 1',
      'step 1: --replicas 3 → 2',
      'step 4: scale 2 → 1',
      'step 1 without --update-delay=2s',
      'step 1 without --update-order start-first',
      'step 1 without --init',
    ]);
  });

  it('writes each cut as a whole scenario file that loads, every other line as written', () => {
    const cuts = scenarioReductions(FILE);
    for (const cut of cuts) expect(() => loadScenario(cut.text, 'cut.yaml')).not.toThrow();
    expect(cuts.find((r) => r.what === 'step 1 without --update-order start-first')?.text).toBe(
      FILE.replace(' --update-order start-first', ''),
    );
    expect(cuts.find((r) => r.what === 'without step 2 (wait: converged)')?.text).toBe(
      FILE.replace('  - wait: converged\n', ''),
    );
  });

  it('gives nothing for a file without steps, or one it cannot read', () => {
    expect(scenarioReductions('name: x\n')).toEqual([]);
    expect(scenarioReductions('steps: [\n')).toEqual([]);
  });
});
