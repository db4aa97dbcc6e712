// The step runner runScenario is made of: one engine, steps applied one at a time, the same trace and outputs.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { createScenarioSession } from '../../src/scenario/session.js';

const SCENARIO = loadScenario(
  `
name: steps
seed: 9
cluster: {nodes: 2}
images:
  app:bad: {exit: 1, after: 2s}
steps:
  - docker service create -d --name web --replicas 2 app:v1
  - wait: converged
  - docker service update -d --update-failure-action rollback --image app:bad web
  - wait: 20s
  - docker service ls
  - wait: settled
`,
  'steps.yaml',
);

describe('ScenarioSession', () => {
  it('applying the steps one at a time gives the trace and outputs runScenario gives', () => {
    const session = createScenarioSession(SCENARIO);
    const applied = SCENARIO.steps.map((step) => session.apply(step));
    expect(applied).toEqual([true, true, true, true, true, true]);
    expect(session.stepsApplied).toBe(6);
    const run = runScenario(SCENARIO);
    expect(JSON.stringify(session.trace(SCENARIO.name))).toBe(JSON.stringify(run.trace));
    expect(session.outputs).toEqual(run.outputs);
    expect(session.outputs.map((o) => [o.kind, o.command, o.tMs])).toEqual([
      ['command', 'docker service create -d --name web --replicas 2 app:v1', 0],
      ['wait', 'wait converged', 0],
      ['command', 'docker service update -d --update-failure-action rollback --image app:bad web', run.outputs[2].tMs],
      ['wait', 'wait 20s', run.outputs[2].tMs],
      ['command', 'docker service ls', run.outputs[2].tMs + 20_000],
      ['wait', 'wait settled', run.outputs[2].tMs + 20_000],
    ]);
  });

  it('reports progress with the step running and the number of steps', () => {
    const seen: string[] = [];
    const session = createScenarioSession(SCENARIO, {
      stepCount: 2,
      onProgress: (p) => {
        const text = `${p.step}/${p.steps}`;
        if (seen.at(-1) !== text) seen.push(text);
      },
    });
    session.applyAll(SCENARIO.steps.slice(0, 2));
    expect(seen).toEqual(['1/2', '2/2']);
  });

  it("runScenario's result as JSON holds its trace, exported when first read", () => {
    const run = runScenario(SCENARIO);
    const written = JSON.parse(JSON.stringify(run));
    expect(Object.keys(written)).toEqual(['outputs', 'trace', 'unmet', 'finished']);
    expect(written.trace).toEqual(JSON.parse(JSON.stringify(run.trace)));
    expect(written.trace.events.length).toBeGreaterThan(20);
    expect([written.unmet, written.finished]).toEqual([[], true]);
    // Read twice, the same trace object: exported once.
    expect(run.trace).toBe(run.trace);
  });
});
