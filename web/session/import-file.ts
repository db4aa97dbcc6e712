// Reads an imported file: a trace (the CLI's --json), a scenario (YAML with steps:) or a compose file; bad files throw a clear message.
import { parse as parseYaml } from 'yaml';
import { defaultClusterConfig, defaultNodes } from '../../src/defaults.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario, Trace } from '../../src/types.js';

export type Imported =
  | { kind: 'trace'; trace: Trace }
  | { kind: 'scenario'; scenario: Scenario }
  | { kind: 'compose'; scenario: Scenario };

export class ImportError extends Error {}

const EVENT_TYPES = new Set([
  'command', 'output', 'node', 'service_spec', 'update_status', 'task_created', 'task_state', 'task_desired', 'task_node', 'task_removed', 'container', 'updater',
]);

/** A trace as `swarmlab run --json` writes it (one trace, or the first of several). */
export function checkTrace(value: unknown, file: string): Trace {
  const candidate = Array.isArray(value) ? value[0] : value;
  const fail = (why: string): never => {
    throw new ImportError(`${file}: not a swarmlab trace (${why})`);
  };
  if (typeof candidate !== 'object' || candidate === null) fail('expected a JSON object');
  const trace = candidate as Record<string, unknown>;
  if (!Array.isArray(trace.events)) fail('no "events" list');
  if (typeof trace.duration_ms !== 'number' || !Number.isFinite(trace.duration_ms)) fail('"duration_ms" must be a number');
  if (typeof trace.epoch !== 'string' || Number.isNaN(Date.parse(trace.epoch))) fail('"epoch" must be an ISO time');
  for (const key of ['services', 'tasks', 'nodes']) if (!Array.isArray(trace[key])) fail(`no "${key}" list`);
  (trace.events as unknown[]).forEach((ev, index) => {
    const event = ev as Record<string, unknown> | null;
    if (typeof event !== 'object' || event === null || typeof event.t_ms !== 'number' || !EVENT_TYPES.has(String(event.type))) {
      fail(`event ${index + 1} has no valid "t_ms" and "type"`);
    }
    if (String(event!.type).startsWith('task_') && typeof event!.taskId !== 'string') fail(`event ${index + 1} has no "taskId"`);
    if (event!.type === 'service_spec' && (typeof event!.spec !== 'object' || event!.spec === null)) fail(`event ${index + 1} has no "spec"`);
  });
  return { scenario: String(trace.scenario ?? file), seed: Number(trace.seed ?? 0), ...trace } as Trace;
}

/** A compose file on a 3-node cluster, deployed as a stack named after the file. */
function composeScenario(text: string, file: string): Scenario {
  const stack = (file.replace(/^.*\//, '').replace(/\.(ya?ml)$/i, '').replace(/[^a-zA-Z0-9_-]/g, '') || 'stack').toLowerCase();
  const name = file.replace(/^.*\//, '');
  return {
    name: stack, description: '', seed: 1, file, cluster: { ...defaultClusterConfig(), nodes: defaultNodes(3) }, files: { [name]: text },
    steps: [
      { kind: 'command', text: `docker stack deploy -c ${name} ${stack}`, at: { file, line: 1 } },
      { kind: 'wait', until: 'converged', at: { file, line: 1 } },
    ],
  };
}

export function readImport(text: string, file: string): Imported {
  const trimmed = text.trimStart();
  if (trimmed === '') throw new ImportError(`${file}: the file is empty`);
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(file)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new ImportError(`${file}: invalid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    return { kind: 'trace', trace: checkTrace(value, file) };
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ImportError(`${file}: invalid YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ImportError(`${file}: expected a scenario (steps:) or a compose file (services:)`);
  const keys = Object.keys(doc);
  try {
    if (keys.includes('steps')) return { kind: 'scenario', scenario: loadScenario(text, file) };
    if (keys.includes('services')) {
      const scenario = composeScenario(text, file);
      return { kind: 'compose', scenario };
    }
  } catch (err) {
    throw new ImportError(err instanceof Error ? err.message : String(err));
  }
  throw new ImportError(`${file}: expected a scenario (steps:) or a compose file (services:)`);
}
