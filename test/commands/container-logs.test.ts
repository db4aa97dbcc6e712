// `docker logs CONTAINER`: the course's §3 command; a service name is no container, a task's container on the manager
// is.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

const SCENARIO = `name: logs
seed: 3
cluster:
  nodes: 2
images:
  shop/web:1.0:
    logs: ["shop 1.0 listening on :8080"]
steps:
  - docker service create -d --name web --replicas 2 shop/web:1.0
  - 'wait: converged'
  - docker service ps --no-trunc --format '{{.Name}}.{{.ID}} {{.Node}}' web
`;

function run(...lines: string[]) {
  const scenario = loadScenario(SCENARIO, 'logs.yaml');
  const first = runScenario(scenario);
  const local = first.outputs[2].stdout
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, node]) => node === 'node-1')
    .map(([name]) => name);
  const steps = lines.map((text) => ({
    kind: 'command' as const,
    text: text.replace('LOCAL', local[0]),
    at: scenario.steps[0].at,
  }));
  const result = runScenario({ ...scenario, steps: [...scenario.steps, ...steps] });
  return {
    local,
    outputs: result.outputs.slice(3).map(({ stdout, stderr, exitCode }) => ({ stdout, stderr, exitCode })),
  };
}

describe('docker logs', () => {
  it('as the course writes it (no container): Docker’s own argument error', () => {
    expect(run('docker logs').outputs).toEqual([
      {
        stdout: '',
        stderr:
          "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs " +
          "--help' for more information\n",
        exitCode: 1,
      },
    ]);
  });

  it('a service name is no container: No such container', () => {
    expect(run('docker logs web').outputs).toEqual([
      { stdout: '', stderr: 'Error response from daemon: No such container: web\n', exitCode: 1 },
    ]);
  });

  it("a manager's task container, by its name SERVICE.SLOT.TASKID: its lines, without the service logs prefix", () => {
    const { local, outputs } = run('docker logs LOCAL', 'docker logs --tail 0 LOCAL');
    expect(local).toHaveLength(1);
    expect(local[0]).toMatch(/^web\.\d\.[a-z0-9]{25}$/);
    expect(outputs).toEqual([
      { stdout: 'shop 1.0 listening on :8080\n', stderr: '', exitCode: 0 },
      { stdout: '', stderr: '', exitCode: 0 },
    ]);
  });
});
