// Published ports on a real one-node swarm: swarmlab sends --publish as typed, and the simulator agrees (skipped with
// the reason when Docker is missing outside CI).
import { describe, expect, it } from 'vitest';
import { formatComparison } from '../../src/real-swarm/compare.js';
import { conformScenario, differencesAtSwarmPace, formatPaced } from '../../src/real-swarm/conform.js';
import { loadScenario } from '../../src/scenario/load.js';
import { swarmProblem } from './faults.helpers.js';

const problem = await swarmProblem();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = problem !== null && !inCi;
const REAL_TIMEOUT_MS = 150_000;

function scenario(name: string, order: string, port: number, after: string): string {
  const create =
    `docker service create -d --name ${name} --publish mode=host,target=80,published=${port} ` +
    `--update-order ${order} pub/app:v1`;
  return `name: ${name}
seed: 7
cluster:
  nodes:
    - {name: vm, role: manager}
images:
  pub/app:v1: {}
  pub/app:v2: {}
steps:
  - ${create}
  - wait: converged
  - wait: 1s
  - docker service update -d --image pub/app:v2 ${name}
  - ${after}
  - docker service ps --no-trunc --format '{{.Image}} {{.CurrentState}} {{.Error}} {{.Ports}}' ${name}
expect:
  service: ${name}
`;
}

/** The ps lines of the run's last command, the state's age cut off. */
function lastPs(trace: { events: { type: string; text?: string }[] }): string[] {
  const commands = trace.events.filter((ev) => ev.type === 'command' || ev.type === 'output');
  const last = commands.map((ev) => ev.type).lastIndexOf('command');
  const text = commands
    .slice(last + 1)
    .map((ev) => ev.text ?? '')
    .join('');
  return text
    .trim()
    .split('\n')
    .map((line) => line.replace(/ \S+ (seconds?|minutes?) ago/, '').replace(/ less than a second ago/, ''));
}

describe('--publish on a real swarm', () => {
  it.skipIf(skip)(
    'start-first with a host port hangs on both sides, the new task pending on the ' +
      `port${skip ? ` (skipped: ${problem})` : ''}`,
    () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      const yaml = scenario('pub-t-start-first', 'start-first', 18084, 'wait: 15s');
      const { simulated, real, comparison } = conformScenario(loadScenario(yaml, 'pub-t-start-first.yaml'));
      expect(comparison.unsimulated).toEqual([]);
      expect(comparison.a.finalState).toBe('updating');
      expect(comparison.b.finalState).toBe('updating');
      const expected = [
        'pub/app:v2 Pending "no suitable node (host-mode port already in use on 1 node)" ',
        'pub/app:v1 Running  *:18084->80/tcp,*:18084->80/tcp',
      ];
      expect(lastPs(simulated.trace)).toEqual(expected);
      expect(lastPs(real.trace)).toEqual(expected);
    },
    REAL_TIMEOUT_MS,
  );

  it.skipIf(skip)(
    `stop-first with a host port completes on both sides: same verdict${skip ? ` (skipped: ${problem})` : ''}`,
    () => {
      if (problem) throw new Error(`no usable Docker swarm: ${problem}`);
      const yaml = scenario('pub-t-stop-first', 'stop-first', 18085, 'wait: settled');
      const result = conformScenario(loadScenario(yaml, 'pub-t-stop-first.yaml'));
      const { real, comparison, paced } = result;
      const table = formatComparison(comparison, ['simulator', 'swarm']) + (paced ? formatPaced(paced) : '');
      expect(differencesAtSwarmPace(result), table).toEqual([]);
      expect(comparison.b.finalState).toBe('completed');
      expect(lastPs(real.trace)).toEqual([
        'pub/app:v2 Running  *:18085->80/tcp,*:18085->80/tcp',
        'pub/app:v1 Shutdown',
      ]);
    },
    REAL_TIMEOUT_MS,
  );
});
