import { describe, expect, it } from 'vitest';
import { type ExecuteOptions, executeCommand } from '../../src/commands/execute.js';
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { createSimulator } from '../../src/engine/simulator.js';

const COMPOSE = `
services:
  web:
    image: nginx:1.25
    deploy:
      replicas: 2
      update_config:
        parallelism: 2
  cache:
    image: redis:7
`;
const OPTS: ExecuteOptions = { tty: false, files: { 'stack.yml': COMPOSE }, followLimitMs: 600_000 };
const WARNING =
  'Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, ' +
  '--detach=false will become the default.\n';

function swarm() {
  return createSimulator({ seed: 5, cluster: { ...defaultClusterConfig(), nodes: defaultNodes(3) } });
}

describe('docker stack', () => {
  it('deploys a compose file: network line, one line per service in name order, the detach warning', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker stack deploy -c stack.yml shop', OPTS)).toEqual({
      stdout: 'Creating network shop_default\nCreating service shop_cache\nCreating service shop_web\n',
      stderr: WARNING,
      exitCode: 0,
    });
    const web = engine.state().services.find((s) => s.Spec.Name === 'shop_web')!;
    expect(web.Spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(web.Spec.UpdateConfig?.Parallelism).toBe(2);
    const ids = Object.fromEntries(engine.state().services.map((s) => [s.Spec.Name, s.ID]));
    expect(executeCommand(engine, 'docker stack deploy --detach=true --compose-file stack.yml shop', OPTS)).toEqual({
      stdout: `Updating service shop_cache (id: ${ids.shop_cache})\nUpdating service shop_web (id: ${ids.shop_web})\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('follows every service when --detach=false', () => {
    const engine = swarm();
    const result = executeCommand(engine, 'docker stack deploy -d=false -c stack.yml shop', OPTS);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const ids = engine.state().services.map((s) => s.ID);
    for (const id of ids) expect(result.stdout).toContain(`verify: Service ${id} converged`);
    expect(engine.isConverged()).toBe(true);
  });

  it('fails like docker for a missing or absent compose file and a bad stack name', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker stack deploy shop', OPTS)).toEqual({
      stdout: '',
      stderr: 'Specify a Compose file (with --compose-file)\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker stack deploy -c nope.yml shop', OPTS)).toEqual({
      stdout: '',
      stderr: 'open nope.yml: no such file or directory\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, `docker stack deploy -c stack.yml "' '"`, OPTS)).toEqual({
      stdout: '',
      stderr: 'invalid stack name: "\' \'"\n',
      exitCode: 1,
    });
    expect(executeCommand(engine, 'docker stack deploy -c stack.yml --resolve-image sometimes shop', OPTS)).toEqual({
      stdout: '',
      stderr: 'invalid option sometimes for flag --resolve-image\n',
      exitCode: 1,
    });
  });

  it('lists, shows tasks of and removes a stack', () => {
    const engine = swarm();
    executeCommand(engine, 'docker stack deploy -c stack.yml shop', OPTS);
    engine.runUntil(() => engine.isConverged(), 60_000);
    const services = executeCommand(engine, 'docker stack services --format "{{.Name}} {{.Replicas}}" shop', OPTS);
    expect(services).toEqual({ stdout: 'shop_cache 1/1\nshop_web 2/2\n', stderr: '', exitCode: 0 });
    expect(executeCommand(engine, 'docker stack ps -q shop', OPTS).stdout.trim().split('\n')).toHaveLength(3);
    expect(executeCommand(engine, 'docker stack rm shop', OPTS)).toEqual({
      stdout: 'Removing service shop_cache\nRemoving service shop_web\nRemoving network shop_default\n',
      stderr: '',
      exitCode: 0,
    });
    expect(engine.state().services).toEqual([]);
    expect(executeCommand(engine, 'docker stack rm shop', OPTS)).toEqual({
      stdout: '',
      stderr: 'Nothing found in stack: shop\n',
      exitCode: 0,
    });
    expect(executeCommand(engine, 'docker stack services shop', OPTS)).toEqual({
      stdout: '',
      stderr: 'Nothing found in stack: shop\n',
      exitCode: 0,
    });
    expect(executeCommand(engine, 'docker stack ps shop', OPTS)).toEqual({
      stdout: '',
      stderr: 'nothing found in stack: shop\n',
      exitCode: 1,
    });
  });
});

describe('docker node', () => {
  it('updates availability and prints the node argument', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker node update --availability drain node-2', OPTS)).toEqual({
      stdout: 'node-2\n',
      stderr: '',
      exitCode: 0,
    });
    expect(engine.state().nodes.find((n) => n.Description.Hostname === 'node-2')!.Spec.Availability).toBe('drain');
    expect(executeCommand(engine, 'docker node inspect --format "{{.Spec.Availability}}" node-2 node-3', OPTS)).toEqual(
      {
        stdout: 'drain\nactive\n',
        stderr: '',
        exitCode: 0,
      },
    );
    expect(executeCommand(engine, 'docker node ls -q', OPTS).stdout.trim().split('\n')).toHaveLength(3);
  });

  it('notes the node flags it does not simulate', () => {
    const engine = swarm();
    expect(executeCommand(engine, 'docker node update --label-add zone=a node-2', OPTS)).toEqual({
      stdout: 'node-2\n',
      stderr: 'swarmlab: --label-add not simulated; ignored\n',
      exitCode: 0,
    });
  });
});
