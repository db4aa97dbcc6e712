// What scenario descriptions claim about outputs, checked against the run (a real swarm showed the same: no failed
// task).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';

/** The end state and error of the first task of `image`, as `service ps` shows it. */
function firstTaskOf(file: string, image: string): { state: string; err: string; exitCode: number | undefined } {
  const trace = runScenario(loadScenario(readFileSync(file, 'utf8'), file), {}).trace;
  const created = trace.events.find((e) => e.type === 'task_created' && e.image === image);
  if (created?.type !== 'task_created') throw new Error(`${file}: no task of ${image}`);
  const task = trace.tasks.find((t) => t.ID === created.taskId);
  if (!task) throw new Error(`${file}: task ${created.taskId} not in the final state`);
  return { state: task.Status.State, err: task.Status.Err ?? '', exitCode: task.Status.ContainerStatus?.ExitCode };
}

describe('an unhealthy task whose process exits 0 on SIGTERM ends Complete with no error, as the texts say', () => {
  it.each([
    ['scenarios/drills/unhealthy.yaml', 'app:unhealthy'],
    ['scenarios/course/3-best-practices.yaml', 'shop/web:1.1'],
  ])('%s', (file, image) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/`Complete` with no error/);
    expect(firstTaskOf(file, image)).toEqual({ state: 'complete', err: '', exitCode: 0 });
  });
});
