// JUnit XML: the reusable writer (escaping, exact counts), a scenario's expectations, and `swarmlab check --junit`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../src/cli/files.js';
import { toJUnit, xmlEscape } from '../../src/export/junit.js';
import { scenarioSuite } from '../../src/export/scenario-junit.js';
import { runScenario } from '../../src/scenario/run.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-junit-'));

const run = runCli;

describe('toJUnit', () => {
  it('writes suites with exact counts and escapes names, messages and text', () => {
    const xml = toJUnit([
      {
        name: 'a & b',
        timeSeconds: 1.5,
        properties: { seed: 7 },
        cases: [
          { name: 'ok <1>', classname: 'x.y' },
          { name: 'bad', classname: 'x.y', failure: { message: 'saw "x" & \'y\'', text: 'line <1>\nline\u0007 2' } },
        ],
      },
      { name: 'empty', cases: [] },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="swarmlab" tests="2" failures="1" errors="0" skipped="0">',
        '  <testsuite name="a &amp; b" tests="2" failures="1" errors="0" skipped="0" time="1.500">',
        '    <properties>',
        '      <property name="seed" value="7"/>',
        '    </properties>',
        '    <testcase name="ok &lt;1&gt;" classname="x.y"/>',
        '    <testcase name="bad" classname="x.y">',
        '      <failure message="saw &quot;x&quot; &amp; &apos;y&apos;" type="failure">line &lt;1&gt;',
        'line\uFFFD 2</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="empty" tests="0" failures="0" errors="0" skipped="0"/>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('keeps characters outside the BMP and replaces lone surrogates', () => {
    expect(xmlEscape('🐳 \uD800 ok')).toBe('🐳 \uFFFD ok');
  });
});

describe('scenario expectations as JUnit', () => {
  it('passes each expectation of course 2b and fails the ones a changed expect: breaks', () => {
    const scenario = readScenarioFile('scenarios/course/2b-rollback-on-failure.yaml');
    const result = runScenario(scenario, { seed: 1 });
    const suite = scenarioSuite(scenario, result.trace, result.finished);
    expect(suite.cases.map((c) => [c.name, c.failure?.message])).toEqual([
      ['expect.update_status', undefined],
      ['expect.update_message', undefined],
      ['expect.previous_spec', undefined],
      ['expect.running_images', undefined],
    ]);
    const changed = { ...scenario, expect: { ...scenario.expect, update_status: 'completed' as const } };
    const broken = scenarioSuite(changed, result.trace, result.finished);
    expect(broken.cases[0].failure?.message).toBe(
      'my_service: update_status: expected completed, saw rollback_completed ("rollback completed")',
    );
    expect(broken.cases.filter((c) => c.failure).length).toBe(1);
  });
});

describe('swarmlab check --junit', () => {
  it('writes one test case per requirement, a broken one with the worst run and its replay command', () => {
    const stack = join(dir, 'stack.yml');
    writeFileSync(
      stack,
      'services:\n  web:\n    image: shop/web:1.0\n    deploy:\n      replicas: 4\n      update_config: ' +
        '{parallelism: 2, failure_action: rollback}\n',
    );
    const junit = join(dir, 'check.xml');
    const replays = join(dir, 'replays');
    const result = run(
      'check',
      stack,
      '--runs',
      '20',
      '--require',
      'min-available>=1',
      '--require',
      'min-available>=4',
      '--replay-dir',
      replays,
      '--junit',
      junit,
    );
    expect(result.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="swarmlab" tests="2" failures="1" errors="0" skipped="0">');
    expect(xml).toContain(
      '<testcase name="min-available&gt;=1" classname="swarmlab.check.stack-web">\n      <system-out>met in all 20 ' +
        'runs</system-out>',
    );
    const broken = new RegExp(
      '<failure message="min-available&gt;=4 broken in (\\d+) of 20 runs" type="requirement">furthest off:\\n' +
        'seed (\\d+): [^\\n]+\\nreplay: swarmlab run ([^\\n]+)\\n<\\/failure>',
    ).exec(xml);
    expect(broken).not.toBeNull();
    // The same run and replay file the report names.
    expect(result.out).toContain(`  BROKEN  min-available>=4 in ${broken![1]} of 20 runs; furthest off:`);
    expect(result.out).toContain(`      seed ${broken![2]}: `);
    expect(readFileSync(broken![3], 'utf8')).toContain('docker service');
  });

  it('says when the file cannot be written (exit 2)', () => {
    const stack = join(dir, 'one.yml');
    writeFileSync(stack, 'services:\n  web: {image: a}\n');
    const result = run(
      'check',
      stack,
      '--runs',
      '1',
      '--replay-dir',
      join(dir, 'r2'),
      '--junit',
      join(dir, 'no/such/dir.xml'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^--junit .*no\/such\/dir\.xml: cannot write the file \(ENOENT/);
  });
});
