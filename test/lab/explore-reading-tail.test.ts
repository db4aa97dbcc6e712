// explore's runs stop before a scenario's closing read-only commands: which lines count as such, and that every
// outcome it reports is what `swarmlab run` of its replay (which runs them) measures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readsOnly } from '../../src/commands/read-only.js';
import { explore } from '../../src/lab/explore/explore.js';
import { measureRun } from '../../src/lab/explore/outcome.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

describe('readsOnly', () => {
  it('takes the listing and inspecting commands, whatever their flags', () => {
    for (const line of [
      'docker service ps my_service',
      'docker service ps --no-trunc -f desired-state=running web',
      'docker service ls -q',
      'docker service list',
      "docker service inspect --format '{{.UpdateStatus.State}}' web",
      'docker node ls',
      'docker node inspect --pretty node-1',
    ])
      expect(readsOnly(line), line).toBe(true);
  });

  it('refuses whatever may change the cluster, wait, or is not docker', () => {
    for (const line of [
      'docker service update --image nginx:bad web',
      'docker service rollback web',
      'docker service scale web=3',
      'docker service logs -f web',
      'docker node update --availability drain node-2',
      'docker stack ps app',
      'swarmlab fault kill web.1',
      'docker service ps "unterminated',
      'docker --host x service ps web',
      '',
    ])
      expect(readsOnly(line), line).toBe(false);
  });
});

describe('explore of a scenario ending in docker service ps', () => {
  it('reports for each outcome what swarmlab run of its replay (the ps included) measures', () => {
    const file = 'scenarios/course/2b-rollback-on-failure.yaml';
    const text = readFileSync(file, 'utf8');
    const scenario = loadScenario(text, file);
    expect(scenario.steps.at(-1)).toMatchObject({ kind: 'command', text: 'docker service ps my_service' });
    const report = explore(scenario, text);
    expect(report.exhausted).toBe(true);
    expect(report.outcomes.length).toBe(3);
    for (const row of report.outcomes) {
      const replay = loadScenario(row.replay, file);
      expect(replay.steps.at(-1)).toMatchObject({ text: 'docker service ps my_service' });
      const run = runScenario(replay);
      expect(run.outputs.at(-1)?.command).toBe('docker service ps my_service');
      const measured = measureRun(run.trace, 'my_service');
      expect(measured).toEqual(row.outcome);
      expect(row.durationMs[0]).toBeLessThanOrEqual(measured.durationMs);
      expect(row.durationMs[1]).toBeGreaterThanOrEqual(measured.durationMs);
    }
  });
});
