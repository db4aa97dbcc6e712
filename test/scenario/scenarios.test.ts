// Every scenario file in scenarios/ loads, runs on the simulator and meets its expectations.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../src/cli/files.js';
import { runScenario } from '../../src/scenario/run.js';

const ROOT = 'scenarios';
const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.ya?ml$/.test(file) && !file.startsWith('stacks/')) // stacks/: stack files for swarmlab lint
  .map((file) => join(ROOT, file))
  .sort();

describe('scenarios/', () => {
  it('holds the course examples, the drills and the conformance recordings', () => {
    const names = (dir: string) =>
      files.filter((f) => f.startsWith(`${join(ROOT, dir)}/`)).map((f) => f.slice(ROOT.length + dir.length + 2));
    expect(names('course')).toEqual([
      '1a-update-image.yaml',
      '1b-parallelism-delay.yaml',
      '1c-follow-with-ps.yaml',
      '2a-manual-rollback.yaml',
      '2b-rollback-on-failure.yaml',
      '2c-check-after-rollback.yaml',
      '3-best-practices.yaml',
    ]);
    expect(names('drills')).toEqual(
      expect.arrayContaining([
        'crash-at-start.yaml',
        'exit-zero.yaml',
        'late-crash-after-monitor.yaml',
        'unhealthy.yaml',
        'slow-start.yaml',
        'pull-failure.yaml',
        'node-down-mid-rollout.yaml',
        'drain-mid-rollout.yaml',
        'max-failure-ratio.yaml',
        'start-first-failing.yaml',
        'resume-after-pause.yaml',
        'rollback-twice.yaml',
        'update-during-update.yaml',
      ]),
    );
    expect(names('conformance')).toEqual([
      'fail-pause.yaml',
      'fail-rollback.yaml',
      'fast-stop.yaml',
      'manual-rollback.yaml',
      'slow-start.yaml',
      'unhealthy.yaml',
      'update-default.yaml',
      'update-p2-d3.yaml',
      'update-start-first.yaml',
    ]);
  });

  describe.each(files)('%s', (file) => {
    const scenario = readScenarioFile(file);

    it('loads, with a description and expectations', () => {
      expect(scenario.description.length).toBeGreaterThan(40);
      expect(scenario.expect?.update_status).toBeDefined();
      expect(scenario.expect?.running_images).toBeDefined();
    });

    it('meets its expectations on the simulator', () => {
      const result = runScenario(scenario);
      expect(result.finished).toBe(true);
      expect(result.unmet).toEqual([]);
      expect(result.outputs.filter((o) => o.kind === 'wait' && o.exitCode !== 0)).toEqual([]);
    });
  });
});

/** What the real-Swarm recorder saw at the end (test/fixtures/conformance/real-traces/NAME.json). */
interface RecordedEnd {
  finalService: {
    UpdateStatus: { State: string; Message: string } | null;
    previousSpecImage: string | null;
    specImage: string;
  };
}

describe('scenarios/conformance/ state what the real Swarm recordings ended with', () => {
  const recordings = 'test/fixtures/conformance/real-traces';
  it.each(files.filter((f) => f.includes('/conformance/')))('%s', (file) => {
    const name = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
    const recorded = (JSON.parse(readFileSync(join(recordings, `${name}.json`), 'utf8')) as RecordedEnd).finalService;
    const expected = readScenarioFile(file).expect!;
    expect(expected.update_status).toBe(recorded.UpdateStatus?.State ?? null);
    expect(expected.previous_spec).toBe(recorded.previousSpecImage ? 'present' : 'none');
    const messageKind = recorded.UpdateStatus!.Message.replace(/task [0-9a-z]{25}$/, 'task *');
    expect(expected.update_message).toBe(messageKind);
    if (recorded.UpdateStatus!.State.endsWith('completed'))
      expect(expected.running_images![recorded.specImage]).toBeGreaterThan(0);
  });
});
