// The trace validator: what swarmlab writes passes (simulator, CLI --json, real-Swarm recorder); bad traces get a
// message naming the path.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DockerClient } from '../../src/real-swarm/http.js';
import { type Presenter, Recorder } from '../../src/real-swarm/recorder.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { checkTraceValue, MAX_TIME_MS } from '../../src/trace/validate.js';
import type { Node, Service, Task, Trace } from '../../src/types.js';
import { setLang } from '../../web/i18n/messages.js';
import { IMPORT_LIMIT_BYTES, ImportError, readImport } from '../../web/session/import-file.js';
import { type MainIo, main } from '../helpers/main.js';
import { scenarioSources } from '../robustness/file-checks.js';

// The page's import speaks the page's language (French by default); these check its English wording.
setLang('en');

const SHARED_RECORDINGS = join(process.cwd(), 'test/fixtures/conformance/real-traces');
const TASK_STATES =
  'new, allocated, pending, assigned, accepted, preparing, ready, starting, running, complete, shutdown, failed, ' +
  'rejected, remove, orphaned';
const TIME = `a time in ms (at most ${MAX_TIME_MS} either way)`;

const run2b = (): Trace => {
  const file = 'scenarios/course/2b-rollback-on-failure.yaml';
  return runScenario(loadScenario(readFileSync(file, 'utf8'), file)).trace;
};
/** A JSON copy (what a file holds) of the 2b trace. */
const BASE = JSON.parse(JSON.stringify(run2b())) as Trace;
const indexOf = (type: string, from = 0) => BASE.events.findIndex((ev, i) => i >= from && ev.type === type);

/** The problem found in a copy of BASE changed by `edit`. */
function problemAfter(edit: (t: Record<string, any>) => void): string | undefined {
  const copy = structuredClone(BASE) as unknown as Record<string, any>;
  edit(copy);
  return checkTraceValue(copy).problem;
}

describe('traces swarmlab writes pass', () => {
  it('every scenario in scenarios/, simulated and written as JSON', () => {
    const sources = scenarioSources();
    expect(sources.length).toBe(42);
    const problems = sources.map((s) => {
      const trace = JSON.parse(JSON.stringify(runScenario(loadScenario(s.text, s.file)).trace)) as unknown;
      return [s.file, checkTraceValue(trace).problem ?? 'ok'];
    });
    expect(problems.filter(([, problem]) => problem !== 'ok')).toEqual([]);
  });

  it('`swarmlab run --json` of one file (a trace) and of two files (a list: the first is read)', () => {
    const out = (argv: string[]) => {
      let text = '';
      const io: MainIo = {
        out: (t) => {
          text += t;
        },
        err: () => undefined,
        stdoutIsTty: false,
      };
      expect(main(argv, io)).toBe(0);
      return JSON.parse(text) as unknown;
    };
    const one = out(['run', 'scenarios/course/1a-update-image.yaml', '--json']);
    expect(checkTraceValue(one)).toEqual({ trace: one });
    const two = out([
      'run',
      'scenarios/course/1a-update-image.yaml',
      'scenarios/drills/node-down-mid-rollout.yaml',
      '--json',
    ]) as unknown[];
    expect(two).toHaveLength(2);
    expect(checkTraceValue(two)).toEqual({ trace: two[0] });
  });

  it("the real-Swarm recorder's trace, built from Engine API objects as Docker 20.10 returned them here", async () => {
    // Recorded from this machine's one-node swarm (fast-stop): extra keys (Resources, Plugins, TLSInfo, PortStatus) are
    // kept.
    const { service, task, node }: { service: Service; task: Task; node: Node } = JSON.parse(
      readFileSync('test/fixtures/engine-api/fast-stop.json', 'utf8'),
    );
    const client = {
      json: async (_method: string, path: string) =>
        path.startsWith('/services') ? [service] : path.startsWith('/tasks') ? [task] : [node],
      stream: () => ({ stop: () => undefined, ready: Promise.resolve() }),
    } as unknown as DockerClient;
    const presenter: Presenter = { image: (ref) => ref, service: (raw) => raw, task: (raw) => raw };
    const epochMs = Date.parse('2026-11-27T03:26:12.180Z');
    const recorder = new Recorder(client, 'run1', epochMs, presenter);
    await recorder.poll();
    const trace: Trace = {
      scenario: 'conformance-fast-stop',
      seed: 209,
      duration_ms: 14_312.2,
      epoch: new Date(epochMs).toISOString(),
      services: [...recorder.services.values()],
      tasks: [...recorder.tasks.values()],
      nodes: [...recorder.nodes.values()],
      events: recorder.events,
    };
    // (in time order; the UpdateStatus event is stamped at the poll, in wall time)
    expect(trace.events.map((ev) => ev.type).sort()).toEqual([
      'node',
      'service_spec',
      'task_created',
      'task_state',
      'update_status',
    ]);
    expect(checkTraceValue(JSON.parse(JSON.stringify(trace)))).toEqual({ trace: JSON.parse(JSON.stringify(trace)) });
  });

  it('a whole trace recorded by the real-Swarm backend (`run --backend swarm --out`, for the explorer e2e)', () => {
    const recorded = JSON.parse(readFileSync('test/e2e/explorer-real-fast-stop.json', 'utf8')) as Trace;
    expect([recorded.scenario, recorded.nodes[0].Description.Engine.EngineVersion]).toEqual([
      'conformance-fast-stop',
      '20.10.24+dfsg1',
    ]);
    expect(checkTraceValue(recorded)).toEqual({ trace: recorded });
  });

  it('the real-Swarm recordings (test/fixtures/conformance) are not traces: each refused with the path', () => {
    const files = readdirSync(SHARED_RECORDINGS)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toHaveLength(9);
    for (const file of files) {
      expect(checkTraceValue(JSON.parse(readFileSync(join(SHARED_RECORDINGS, file), 'utf8'))).problem).toBe(
        'events[0].type: expected one of command, output, node, service_spec, update_status, task_created, ' +
          'task_state, task_desired, task_node, task_removed, container, updater, fault, got "service"',
      );
    }
  });
});

describe('bad traces: the message names the path and what was expected', () => {
  const taskState = indexOf('task_state');
  const spec = indexOf('service_spec');
  const status = indexOf('update_status');
  const created = indexOf('task_created');
  const updater = BASE.events.findIndex((ev) => ev.type === 'updater' && ev.action === 'start');

  it.each<[string, (t: Record<string, any>) => void, string]>([
    [
      'a null task',
      (t) => {
        t.tasks[0] = null;
      },
      'tasks[0]: expected an object, got null',
    ],
    [
      'an unknown task state',
      (t) => {
        t.events[taskState].state = 'boom';
      },
      `events[${taskState}].state: expected one of ${TASK_STATES}, got "boom"`,
    ],
    [
      'a missing task ID',
      (t) => {
        delete t.events[taskState].taskId;
      },
      `events[${taskState}].taskId: missing`,
    ],
    [
      'a time as text',
      (t) => {
        t.events[3].t_ms = '12s';
      },
      `events[3].t_ms: expected ${TIME}, got "12s"`,
    ],
    [
      'a time out of range',
      (t) => {
        t.events[3].t_ms = 1e308;
      },
      `events[3].t_ms: expected ${TIME}, got 1e+308`,
    ],
    [
      'an image as a number',
      (t) => {
        t.events[spec].spec.TaskTemplate.ContainerSpec.Image = 5;
      },
      `events[${spec}].spec.TaskTemplate.ContainerSpec.Image: expected a string, got 5`,
    ],
    [
      'a label value as a number',
      (t) => {
        t.events[spec].spec.Labels['com.example.tier'] = 1;
      },
      `events[${spec}].spec.Labels["com.example.tier"]: expected a string, got 1`,
    ],
    [
      'negative replicas',
      (t) => {
        t.events[spec].spec.Mode.Replicated.Replicas = -1;
      },
      `events[${spec}].spec.Mode.Replicated.Replicas: expected a whole number ≥ 0, got -1`,
    ],
    [
      'a missing previousSpec',
      (t) => {
        delete t.events[spec].previousSpec;
      },
      `events[${spec}].previousSpec: missing`,
    ],
    [
      'a fractional slot',
      (t) => {
        t.events[created].slot = 1.5;
      },
      `events[${created}].slot: expected a whole number ≥ 0, got 1.5`,
    ],
    [
      'a started time as text',
      (t) => {
        t.events[status].startedMs = 'x';
      },
      `events[${status}].startedMs: expected ${TIME}, got "x"`,
    ],
    [
      'an unknown event type',
      (t) => {
        t.events[0].type = '<script>';
      },
      'events[0].type: expected one of command, output, node, service_spec, update_status, task_created, task_state, ' +
        'task_desired, task_node, task_removed, container, updater, fault, got "<script>"',
    ],
    [
      'an event that is a list',
      (t) => {
        t.events[1] = [];
      },
      'events[1]: expected an object, got a list',
    ],
    [
      'an updater config without parallelism',
      (t) => {
        delete t.events[updater].config.parallelism;
      },
      `events[${updater}].config.parallelism: missing`,
    ],
    [
      'a node with no hostname',
      (t) => {
        t.nodes[1].Description.Hostname = null;
      },
      'nodes[1].Description.Hostname: expected a string, got null',
    ],
    [
      'a service whose spec is text',
      (t) => {
        t.services[0].Spec = 'web';
      },
      'services[0].Spec: expected an object, got "web"',
    ],
    [
      'a long string is cut in the message',
      (t) => {
        t.events[0].type = 'x'.repeat(100);
      },
      'events[0].type: expected one of command, output, node, service_spec, update_status, task_created, task_state, ' +
        `task_desired, task_node, task_removed, container, updater, fault, got "${'x'.repeat(40)}…"`,
    ],
    [
      'a negative duration',
      (t) => {
        t.duration_ms = -1;
      },
      'duration_ms: expected a time in ms ≥ 0, got -1',
    ],
    [
      'an epoch that is no time',
      (t) => {
        t.epoch = 'yesterday';
      },
      'epoch: expected an ISO time (e.g. 2026-01-01T00:00:00.000Z), got "yesterday"',
    ],
    [
      'an epoch Date cannot shift by the times',
      (t) => {
        t.epoch = '+275760-09-13T00:00:00.000Z';
      },
      'epoch: expected an ISO time (e.g. 2026-01-01T00:00:00.000Z), got "+275760-09-13T00:00:00.000Z"',
    ],
    [
      'a value nested 40 deep (exporting it would overflow JSON.stringify)',
      (t) => {
        t.events[0].note = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`);
      },
      `events[0].note${'[0]'.repeat(29)}: nested deeper than 32 levels`,
    ],
    [
      'no seed',
      (t) => {
        delete t.seed;
      },
      'seed: missing',
    ],
    [
      'no events at all',
      (t) => {
        delete t.events;
      },
      'events: missing',
    ],
  ])('%s', (_what, edit, message) => {
    expect(problemAfter(edit)).toBe(message);
  });

  it('the root: not an object, an empty list, a list whose first trace is bad', () => {
    expect(checkTraceValue(3).problem).toBe('expected a JSON object, got 3');
    expect(checkTraceValue('trace').problem).toBe('expected a JSON object, got "trace"');
    expect(checkTraceValue([]).problem).toBe('expected a trace, got an empty list');
    expect(checkTraceValue([null]).problem).toBe('[0]: expected a JSON object, got null');
    expect(checkTraceValue([{ ...BASE, tasks: 'none' }, BASE]).problem).toBe('[0].tasks: expected a list, got "none"');
  });
});

describe('where traces are read', () => {
  it('the web import says which file and what is wrong', () => {
    const text = JSON.stringify({ ...BASE, tasks: [null] });
    expect(() => readImport(text, 'run.json')).toThrow(
      new ImportError('run.json: not a swarmlab trace (tasks[0]: expected an object, got null)'),
    );
    expect(() => readImport('{"events": [', 'cut.json')).toThrow(/^cut\.json: invalid JSON \(/);
    const eventLines = `${BASE.events
      .slice(0, 5)
      .map((ev) => JSON.stringify(ev))
      .join('\n')}\n`;
    expect(() => readImport(eventLines, 'killed.json')).toThrow(
      new ImportError(
        'killed.json: the events of a run that did not finish (JSON lines, one event each), not a whole trace',
      ),
    );
    const imported = readImport(JSON.stringify(BASE), 'ok.json');
    expect(imported.kind === 'trace' && imported.trace).toEqual(BASE);
  });

  it('`swarmlab compare` refuses a bad trace with exit 2 and the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-validate-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(BASE));
    const events = structuredClone(BASE.events) as unknown as Record<string, unknown>[];
    events[4].t_ms = null;
    writeFileSync(bad, JSON.stringify({ ...BASE, events }));
    let err = '';
    const io: MainIo = {
      out: () => undefined,
      err: (t) => {
        err += t;
      },
      stdoutIsTty: false,
    };
    expect(main(['compare', good, bad], io)).toBe(2);
    expect(err).toBe(`swarmlab: ${bad}: not a swarmlab trace (events[4].t_ms: expected ${TIME}, got null)\n`);
    const killed = join(dir, 'killed.json');
    writeFileSync(
      killed,
      `${BASE.events
        .slice(0, 5)
        .map((ev) => JSON.stringify(ev))
        .join('\n')}\n`,
    );
    err = '';
    expect(main(['compare', good, killed], io)).toBe(2);
    expect(err).toBe(
      `swarmlab: ${killed}: the events of a run that did not finish (JSON lines, one event each), not a whole trace\n`,
    );
  });
});

describe('import size limit', () => {
  it('a file over the limit is refused with its size and the limit, before it is parsed', () => {
    expect(IMPORT_LIMIT_BYTES).toBe(25_000_000);
    const big = `[${' '.repeat(52_400_000 - 2)}]`;
    expect(() => readImport(big, 'trace.json')).toThrow(
      new ImportError('trace.json: the file is 52.4 MB; the sandbox imports files up to 25 MB'),
    );
    // counted in UTF-8 bytes: 13 million "é" are 26 MB in 13 million characters
    expect(() => readImport(`"${'é'.repeat(13_000_000)}"`, 'accents.json')).toThrow(
      new ImportError('accents.json: the file is 26 MB; the sandbox imports files up to 25 MB'),
    );
    expect(() => readImport(`[${' '.repeat(IMPORT_LIMIT_BYTES - 2)}]`, 'limit.json')).toThrow(
      new ImportError('limit.json: not a swarmlab trace (expected a trace, got an empty list)'),
    );
  });
});
