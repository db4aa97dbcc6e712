// Published ports: the simulator against the real Swarm 20.10 recordings in test/fixtures/conformance/publish/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { runCommands } from '../../src/scenario/run.js';

const DIR = new URL('../fixtures/conformance/publish/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const inspect = JSON.parse(text('inspect.json'));
const PS_FORMAT = "--format '{{.Name}}|{{.Image}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}|{{.Ports}}'";

/** The `|`-separated ps rows of one `=== label` block of a recording, the age (`5 seconds ago`) cut off. */
function recordedRows(file: string, label: string): string[] {
  const lines = text(file).split('\n');
  const start = lines.findIndex((line) => line.startsWith(`=== ${label} @`));
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.includes('|')) break;
    rows.push(withoutAge(line));
  }
  return rows;
}

const withoutAge = (row: string) => row.replace(/^([^|]*\|[^|]*\|[^|]*\|\w+) [^|]*/, '$1');

/**
 * Runs the steps on a one-node simulated swarm; returns the output of each docker command (not the waits), in order.
 */
function simulate(commands: string[]): { outputs: string[]; ids: Map<string, string> } {
  const run = runCommands(commands, { cluster: { ...defaultClusterConfig(), nodes: defaultNodes(1) } });
  const outputs: string[] = [];
  for (const ev of run.trace.events) {
    if (ev.type === 'command') outputs.push('');
    else if (ev.type === 'output') outputs[outputs.length - 1] += ev.text;
  }
  const ids = new Map(run.trace.services.map((s) => [s.Spec.Name, s.ID]));
  return { outputs, ids };
}

const psRows = (output: string) => output.trim().split('\n').map(withoutAge);

describe('start-first with a host-mode port on one node (recorded: the update hangs)', () => {
  const { outputs } = simulate([
    'docker service create -d --name pub-sf --publish mode=host,target=80,published=18080 --update-order start-first ' +
      'pub-img:v1',
    'wait: 5s',
    `docker service ps --no-trunc ${PS_FORMAT} pub-sf`,
    'docker service update -d --image pub-img:v2 pub-sf',
    'wait: 5s',
    `docker service ps --no-trunc ${PS_FORMAT} pub-sf`,
    'wait: 26s',
    `docker service ps --no-trunc ${PS_FORMAT} pub-sf`,
    "docker service inspect --format '{{json .Endpoint}}' pub-sf",
    "docker service inspect --format '{{.UpdateStatus.State}}|{{.UpdateStatus.Message}}' pub-sf",
  ]);

  it('shows the running task with its host port twice in PORTS, as Engine 20.10 lists it', () => {
    expect(psRows(outputs[1])).toEqual(recordedRows('start-first-host-port.txt', 'created'));
    expect(psRows(outputs[1])).toEqual(['pub-sf.1|pub-img:v1|Running|Running||*:18080->80/tcp,*:18080->80/tcp']);
  });

  it('leaves the new task Pending with "host-mode port already in use on 1 node", the old one running', () => {
    expect(psRows(outputs[3])).toEqual(recordedRows('start-first-host-port.txt', 'after-update-1'));
    expect(psRows(outputs[4])).toEqual(recordedRows('start-first-host-port.txt', 'after-update-6'));
    expect(psRows(outputs[4])[0]).toBe(
      'pub-sf.1|pub-img:v2|Running|Pending|"no suitable node (host-mode port already in use on 1 node)"|',
    );
  });

  it('keeps the Endpoint Docker shows and UpdateStatus updating', () => {
    expect(JSON.parse(outputs[5])).toEqual(inspect['start-first-hung'].Endpoint);
    const status = inspect['start-first-hung'].UpdateStatus;
    expect(outputs[6].trim()).toBe(`${status.State}|${status.Message}`);
    expect(outputs[6].trim()).toBe('updating|update in progress');
  });
});

describe('stop-first with a host-mode port on one node (recorded: the update completes)', () => {
  const { outputs } = simulate([
    'docker service create -d --name pub-stf --publish mode=host,target=80,published=18081 --update-order stop-first ' +
      'pub-img:v1',
    'wait: 5s',
    'docker service update -d --image pub-img:v2 pub-stf',
    'wait: 0.6s',
    `docker service ps --no-trunc ${PS_FORMAT} pub-stf`,
    'wait: 12s',
    `docker service ps --no-trunc ${PS_FORMAT} pub-stf`,
    "docker service inspect --format '{{.UpdateStatus.State}}|{{.UpdateStatus.Message}}' pub-stf",
  ]);

  it('holds the new task Pending on the port while the old one stops, its PORTS already empty', () => {
    expect(psRows(outputs[2])).toEqual(recordedRows('stop-first-host-port.txt', 'fast-1'));
    expect(psRows(outputs[2])).toEqual([
      'pub-stf.1|pub-img:v2|Ready|Pending|"no suitable node (host-mode port already in use on 1 node)"|',
      'pub-stf.1|pub-img:v1|Shutdown|Running||',
    ]);
  });

  it('then runs the new task on the port and completes', () => {
    expect(psRows(outputs[3])).toEqual(recordedRows('stop-first-host-port.txt', 'after-update-2'));
    expect(outputs[4].trim()).toBe(
      `${inspect['stop-first'].UpdateStatus.State}|${inspect['stop-first'].UpdateStatus.Message}`,
    );
  });
});

describe('two services on the same ingress port (recorded: the daemon refuses the second)', () => {
  const { outputs, ids } = simulate([
    'docker service create -d --name pub-in1 --publish 18090:80 pub-img:v1',
    'docker service create -d --name pub-in2 --publish 18090:80 pub-img:v1',
    'docker service create -d --name pub-in3 --publish 80 pub-img:v1',
    'docker service update -d --publish-add 18090:81 pub-in3',
    'wait: 4s',
    "docker service ls --filter name=pub-in --format '{{.Name}} {{.Ports}}'",
    "docker service inspect --format '{{json .Endpoint.Ports}}' pub-in3",
  ]);
  const recorded = text('ingress-conflict.txt').split('\n');
  const realId = inspect['ingress-18090'].ID;

  it("refuses the create and the --publish-add with swarmkit's words", () => {
    const refusal = recorded.filter((line) => line.startsWith('Error response from daemon'));
    expect(refusal).toHaveLength(2);
    const expected = `${refusal[0].replace(realId, ids.get('pub-in1')!)}\n`;
    expect(outputs[1]).toBe(expected);
    expect(outputs[3]).toBe(expected);
    expect(outputs[1]).toBe(
      `Error response from daemon: rpc error: code = InvalidArgument desc = port '18090' is already in use by ` +
        `service 'pub-in1' (${ids.get('pub-in1')}) as an ingress port\n`,
    );
  });

  it('gives a port without a published one 30000, and service ls shows the ingress ports', () => {
    expect(outputs[4]).toBe('pub-in1 *:18090->80/tcp\npub-in3 *:30000->80/tcp\n');
    expect(recorded.some((line) => /^\w+ +pub-in1 .* \*:18090->80\/tcp$/.test(line))).toBe(true);
    expect(recorded.some((line) => /^\w+ +pub-in3 .* \*:30000->80\/tcp$/.test(line))).toBe(true);
    expect(JSON.parse(outputs[5])).toEqual(inspect['ingress-dynamic'].Endpoint.Ports);
  });
});

describe('docker service inspect --pretty lists the ports before the healthcheck, as CLI 28.2 prints them', () => {
  it('host then ingress, a space after the last one', () => {
    const { outputs } = simulate([
      'docker service create -d --name pub-pretty --health-cmd true --health-interval 5s --publish ' +
        'mode=host,target=80,published=18086 --publish 18087:81 pub-img:v1',
      'docker service inspect --pretty pub-pretty',
    ]);
    const recorded = text('inspect-pretty.txt').split('\n');
    const from = recorded.indexOf('Resources:');
    expect(outputs[1].split('\n').slice(-21)).toEqual(recorded.slice(from, from + 21));
    expect(outputs[1].split('\n').slice(-21, -8)).toEqual([
      'Resources:',
      'Endpoint Mode:\tvip',
      'Ports:',
      ' PublishedPort = 18086',
      '  Protocol = tcp',
      '  TargetPort = 80',
      '  PublishMode = host',
      ' PublishedPort = 18087',
      '  Protocol = tcp',
      '  TargetPort = 81',
      '  PublishMode = ingress ',
      ' Healthcheck:',
      '  Interval = 5s',
    ]);
  });
});
