// The compact trace format reads back as the very trace it was written from, and JSON traces still load everywhere.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTO_COMPACT_EVENTS, formatTraceOutput } from '../../src/cli/trace-file.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { COMPACT_TRACE_FORMAT, COMPACT_TRACE_VERSION, compactTrace } from '../../src/trace/compact.js';
import { checkTraceValue } from '../../src/trace/validate.js';
import type { Trace } from '../../src/types.js';
import { readImport, readImportFile } from '../../web/session/import-file.js';
import { runCli } from '../helpers/cli.js';
import { scenarioSources } from '../robustness/file-checks.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-compact-'));

/** The trace as a JSON file holds it (a key whose value is undefined is left out). */
const onDisk = (trace: Trace): Trace => JSON.parse(JSON.stringify(trace)) as Trace;

/** compact(trace) written as JSON text and read back through the one validator every reader uses. */
function roundTrip(trace: Trace): Trace {
  const checked = checkTraceValue(JSON.parse(JSON.stringify(compactTrace(trace))));
  if (checked.problem !== undefined) throw new Error(checked.problem);
  return checked.trace;
}

const BIG_CREATE =
  'docker service create -d --name bench --replicas 10000 --restart-condition none --update-parallelism 50 ' +
  '--update-failure-action continue app:v1';

const BIG_SCENARIO = `name: ten-thousand
seed: 3
cluster:
  nodes: 100
images:
  app:v2: {exit: 1, after: 2s, fail_fraction: 0.05}
steps:
  - ${BIG_CREATE}
  - wait: converged
  - docker service update -d --image app:v2 bench
  - wait: settled
`;

describe('compact trace round trip', () => {
  it('every scenario file reads back equal, key order included', () => {
    const sources = scenarioSources();
    expect(sources.length).toBeGreaterThan(40);
    for (const { file, text } of sources) {
      const trace = onDisk(runScenario(loadScenario(text, file), { seed: 1 }).trace);
      const back = roundTrip(trace);
      expect(back, file).toStrictEqual(trace);
      expect(JSON.stringify(back), file).toBe(JSON.stringify(trace));
    }
  });

  it('a 10,000-replica rollout reads back equal and is over 40 times smaller gzipped than its JSON', () => {
    const trace = onDisk(runScenario(loadScenario(BIG_SCENARIO, 'big.yaml'), { seed: 3 }).trace);
    expect(trace.events.length).toBeGreaterThan(250_000);
    expect(JSON.stringify(roundTrip(trace))).toBe(JSON.stringify(trace));
    const compactBytes = gzipSync(JSON.stringify(compactTrace(trace))).length;
    const jsonBytes = Buffer.byteLength(JSON.stringify(trace, null, 2));
    expect(jsonBytes / compactBytes).toBeGreaterThan(40);
  }, 60_000);

  it('the document says its format and version; another version is refused with both numbers', () => {
    const trace = onDisk(runScenario(loadScenario(scenarioSources()[0].text, 'a.yaml'), { seed: 1 }).trace);
    const doc = JSON.parse(JSON.stringify(compactTrace(trace)));
    expect([doc.format, doc.version]).toEqual(['swarmlab-trace-columns', 1]);
    expect([COMPACT_TRACE_FORMAT, COMPACT_TRACE_VERSION]).toEqual(['swarmlab-trace-columns', 1]);
    expect(checkTraceValue({ ...doc, version: 2 }).problem).toBe(
      'compact format: version 2; this swarmlab reads version 1',
    );
    expect(checkTraceValue({ ...doc, events: { ...doc.events, shape: [999] } }).problem).toBe(
      'compact format: events.shape[0]: no such shape',
    );
  });
});

describe('--trace-format auto', () => {
  const withEvents = (count: number): Trace => ({
    scenario: 'many',
    seed: 1,
    duration_ms: count,
    epoch: '2026-01-01T00:00:00.000Z',
    services: [],
    tasks: [],
    nodes: [],
    events: Array.from({ length: count }, (_, i) => ({ t_ms: i, type: 'task_removed' as const, taskId: `t${i % 7}` })),
  });
  const isGzipped = (output: string | Uint8Array) => typeof output !== 'string' && output[0] === 0x1f;

  it('is compact for a file of over 100,000 events, JSON at 100,000 and on stdout', () => {
    expect(AUTO_COMPACT_EVENTS).toBe(100_000);
    expect(isGzipped(formatTraceOutput([withEvents(100_001)], 'auto', true))).toBe(true);
    expect(isGzipped(formatTraceOutput([withEvents(100_000)], 'auto', true))).toBe(false);
    expect(isGzipped(formatTraceOutput([withEvents(100_001)], 'auto', false))).toBe(false);
    expect(isGzipped(formatTraceOutput([withEvents(3)], 'compact', false))).toBe(true);
    expect(formatTraceOutput([withEvents(1)], 'json', true)).toBe(`${JSON.stringify(withEvents(1), null, 2)}\n`);
  });
});

describe('trace files on the command line', () => {
  const scenario = join(dir, 'update.yaml');
  writeFileSync(scenario, readFileSync('scenarios/course/1a-update-image.yaml', 'utf8'));
  const json = join(dir, 'trace.json');
  const compact = join(dir, 'trace.compact');

  let codes: number[] = [];
  beforeAll(() => {
    codes = [
      runCli('run', scenario, '--json', '--out', json).code,
      runCli('run', scenario, '--json', '--trace-format', 'compact', '--out', compact).code,
    ];
  });

  it('run --json --out writes JSON for a small trace (auto), gzipped columns with --trace-format compact', () => {
    expect(codes).toEqual([0, 0]);
    expect(readFileSync(json, 'utf8').startsWith('{\n  "scenario": "course-1a-update-image"')).toBe(true);
    expect([...readFileSync(compact).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(readFileSync(compact).length * 10).toBeLessThan(readFileSync(json).length);
  });

  it('compare and export read a compact trace as the JSON one (old JSON traces still load)', () => {
    const same = runCli('compare', json, compact);
    expect([same.code, same.err]).toEqual([0, '']);
    expect(same.out.trim().split('\n').at(-1)).toMatch(/^verdict: same \(/);
    const fromJson = runCli('export', json, '--to', 'docker-events');
    const fromCompact = runCli('export', compact, '--to', 'docker-events');
    expect(fromJson.code).toBe(0);
    expect(fromCompact).toEqual(fromJson);
    expect(fromJson.out.split('\n').length).toBeGreaterThan(20);
  });

  it('the page imports the compact document and the JSON trace as the same trace', () => {
    const text = readFileSync(json, 'utf8');
    const plain = readImport(text, 'trace.json');
    const trace = JSON.parse(text) as Trace;
    expect(plain).toEqual({ kind: 'trace', trace });
    const compactDoc = JSON.stringify(compactTrace(trace));
    expect(readImport(compactDoc, 'trace.json', true)).toStrictEqual({ kind: 'trace', trace });
  });

  it('the page unzips a picked compact file (--trace-format compact) to the trace; a damaged one refused', async () => {
    const trace = JSON.parse(readFileSync(json, 'utf8')) as Trace;
    const picked = new File([readFileSync(compact)], 'trace.compact');
    expect(await readImportFile(picked)).toStrictEqual({ kind: 'trace', trace });
    const cut = new File([readFileSync(compact).subarray(0, 40)], 'cut.gz');
    await expect(readImportFile(cut)).rejects.toThrow(
      new RegExp(
        '^cut\\.gz: (a damaged gzip file, or over 400 MB once unzipped|' +
          'fichier gzip endommagé ou de plus de 400 MB une fois décompressé)$',
      ),
    );
  });

  it('a damaged gzip file is refused with the reason, not a stack trace', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, readFileSync(compact).subarray(0, 40));
    const result = runCli('compare', broken, json);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `swarmlab: ${broken}: cannot read the trace (a damaged gzip file: unexpected end of file)\n`,
    );
  });
});
