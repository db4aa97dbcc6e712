import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { defaultClusterConfig } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';

function swarm() {
  const cluster = defaultClusterConfig();
  cluster.images = { 'app:stuck': { healthcheck: { intervalMs: 1_000, retries: 3, healthyAfterMs: 'never' } } };
  return createSimulator({ seed: 11, cluster });
}

describe('following a service after create / update', () => {
  it('gives up at followLimitMs like an interrupted CLI (exit 0, the update goes on)', () => {
    const engine = swarm();
    const result = executeCommand(engine, 'docker service create --name web app:stuck', {
      tty: false,
      files: {},
      followLimitMs: 3_000,
    });
    const id = engine.state().services[0].ID;
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith(`${id}\noverall progress: 0 out of 1 tasks\n1/1:  \n`)).toBe(true);
    expect(
      result.stdout.endsWith(
        `Operation continuing in background.\nUse \`docker service ps ${id}\` to check progress.\n`,
      ),
    ).toBe(true);
    expect(engine.nowMs()).toBeLessThanOrEqual(3_000);
    expect(engine.nowMs()).toBeGreaterThan(2_700);
  });

  it('-q waits without printing progress; -d returns at once', () => {
    const engine = createSimulator({ seed: 11, cluster: defaultClusterConfig() });
    const quiet = executeCommand(engine, 'docker service create -q --name web app:v1', {
      tty: false,
      files: {},
      followLimitMs: 600_000,
    });
    expect(quiet).toEqual({ stdout: `${engine.state().services[0].ID}\n`, stderr: '', exitCode: 0 });
    expect(engine.isConverged('web')).toBe(true);
    const before = engine.nowMs();
    expect(
      executeCommand(engine, 'docker service update -d --image app:v2 web', {
        tty: false,
        files: {},
        followLimitMs: 600_000,
      }),
    ).toEqual({
      stdout: 'web\n',
      stderr: '',
      exitCode: 0,
    });
    expect(engine.nowMs()).toBe(before);
  });
});
