// The sandbox session runs on the scenario runner's step runner: the trace runScenario gives, and typing costs one step a line.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { stepFromText } from '../../src/scenario/steps.js';
import type { ScenarioStep } from '../../src/scenario/types.js';
import { Session, TERMINAL_WIDTH } from '../../web/session/session.js';
import { readText } from './harness.js';

const FILE = 'scenarios/course/1a-update-image.yaml';
const LESSON = loadScenario(readText(FILE), FILE);
const SETUP = { name: LESSON.name, seed: LESSON.seed, cluster: LESSON.cluster, files: LESSON.files };

/** Lines a learner types one after another. */
const LINES = [
  'docker service create --name my_service --replicas 3 nginx:1.25',
  'swarmlab wait converged',
  'docker service update -d --update-parallelism 1 --update-delay 5s --image nginx:latest my_service',
  'docker service ps my_service',
  'swarmlab wait settled',
  'docker service scale my_service=5',
  'docker service ls',
];

/** The same session as a scenario: each line after a wait for the time it was typed, then `wait: settled`. */
function asScenarioSteps(session: Session): ScenarioStep[] {
  const texts: string[] = [];
  let returnedMs = 0;
  const events = session.trace.events;
  for (const step of session.steps) {
    if (step.atMs > returnedMs) texts.push(`wait: ${step.atMs - returnedMs}ms`);
    texts.push(step.text);
    // The line returned when its output was recorded (the last output event of that command).
    const command = events.findIndex((e) => e.type === 'command' && e.t_ms === step.atMs && e.text === step.text);
    const next = events.findIndex((e, i) => i > command && e.type === 'command');
    const outputs = events.slice(command, next === -1 ? undefined : next).filter((e) => e.type === 'output');
    returnedMs = outputs.at(-1)?.t_ms ?? step.atMs;
  }
  texts.push('wait: settled');
  return texts.map((text, index) => stepFromText(text, { file: '<test>', line: index + 1 }) as ScenarioStep);
}

describe('Session on the step runner', () => {
  it('typing at the replay cursor gives exactly the trace runScenario gives for the same steps', () => {
    const session = new Session(SETUP);
    // Each line typed at the end of the trace shown, as a learner does once the replay stopped.
    for (const line of LINES) session.type(line, session.trace.duration_ms);
    expect(session.steps.map((s) => s.atMs)).toEqual([3_000, 8_600, 8_600, 34_730, 34_730, 34_730, 40_330]);
    const run = runScenario(
      { ...SETUP, description: '', file: '<test>', steps: asScenarioSteps(session) },
      { tty: true, terminalWidth: TERMINAL_WIDTH },
    );
    expect(JSON.stringify(session.trace)).toBe(JSON.stringify(run.trace));
    // Each line went into the settling tail the engine had already run, which it cannot go back from: the kept lines
    // were applied once more on a new engine (1 + 2 + … + 7 steps; the former session replayed them twice, 49).
    expect(session.stepsApplied).toBe(28);
  });

  it('applies one step per line typed where the live engine stands: N lines cost N steps, not N²', () => {
    const session = new Session(SETUP);
    for (const line of LINES) session.type(line, session.liveMs);
    expect(session.steps.map((s) => s.text)).toEqual(LINES);
    expect(session.stepsApplied).toBe(LINES.length);
  });

  it('with the spare engine prepared while idle, a line typed at the cursor inside the tail is one step, same trace', () => {
    const prepared = new Session(SETUP);
    const unprepared = new Session(SETUP);
    const costs: number[] = [];
    for (const line of LINES) {
      const idleFrom = prepared.stepsApplied;
      while (!prepared.prepareStep());
      // While idle, the spare engine was rebuilt with every line so far, one step per line.
      expect(prepared.stepsApplied - idleFrom).toBe(prepared.steps.length);
      const before = prepared.stepsApplied;
      prepared.type(line, prepared.trace.duration_ms);
      costs.push(prepared.stepsApplied - before);
      unprepared.type(line, unprepared.trace.duration_ms);
    }
    expect(costs).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(JSON.stringify(prepared.trace)).toBe(JSON.stringify(unprepared.trace));
    expect(prepared.steps).toEqual(unprepared.steps);
  });

  it('a line typed at an earlier cursor drops the later lines and goes on from the spare as far as it was built', () => {
    const session = new Session(SETUP);
    for (const line of LINES.slice(0, 4)) session.type(line, session.trace.duration_ms);
    expect(session.steps.map((s) => s.atMs)).toEqual([3_000, 8_600, 8_600, 34_730]);
    expect([session.prepareStep(), session.prepareStep()]).toEqual([false, false]);
    const before = session.stepsApplied;
    expect(session.type('docker service ls', 8_600)).toBe(8_600);
    expect(session.steps.map((s) => s.text)).toEqual([...LINES.slice(0, 3), 'docker service ls']);
    // The spare had the first two lines: the third kept one and the new one ran (a rebuilt engine would have run four).
    expect(session.stepsApplied - before).toBe(2);
    const fresh = new Session(SETUP);
    fresh.restore(session.steps);
    expect(JSON.stringify(session.trace)).toBe(JSON.stringify(fresh.trace));
  });
});
