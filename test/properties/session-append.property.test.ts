// Typing lines one by one into the web session gives, byte for byte, the trace of the same lines run as a scenario.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { Session, TERMINAL_WIDTH } from '../../web/session/session.js';
import { asScenarioSteps } from '../helpers/session.js';

const FILE = 'scenarios/course/1a-update-image.yaml';
const LESSON = loadScenario(readFileSync(FILE, 'utf8'), FILE);

const service = fc.constantFrom('web', 'api');
const detach = fc.constantFrom('', '-d ');
const image = fc.constantFrom('nginx:1.25', 'nginx:latest');
/** A command line a learner may type: rollouts (detached or followed), scales, reads, waits, drains, refused lines. */
const line: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(detach, service, fc.integer({ min: 1, max: 4 }), image)
    .map(([d, s, n, i]) => `docker service create ${d}--name ${s} --replicas ${n} ${i}`),
  fc
    .tuple(detach, service, image, fc.constantFrom(0, 1, 2))
    .map(([d, s, i, p]) => `docker service update ${d}--update-parallelism ${p} --update-delay 2s --image ${i} ${s}`),
  fc.tuple(detach, service, fc.integer({ min: 0, max: 5 })).map(([d, s, n]) => `docker service scale ${d}${s}=${n}`),
  fc.tuple(detach, service).map(([d, s]) => `docker service rollback ${d}${s}`),
  service.map((s) => `docker service ps ${s}`),
  service.map((s) => `docker service rm ${s}`),
  fc.constant('docker service ls'),
  fc
    .tuple(fc.constantFrom('drain', 'active'), fc.constantFrom('node-1', 'node-2', 'node-3'))
    .map(([a, n]) => `docker node update --availability ${a} ${n}`),
  fc.constantFrom('swarmlab wait settled', 'swarmlab wait converged', 'swarmlab wait 3s', 'swarmlab wait 45s'),
  // Refused: Docker changes nothing, the line and its error are in the trace.
  fc.constantFrom('docker service scale ghost=2', 'docker service update --image nginx:latest ghost', 'docker frob'),
);
/**
 * Any line, the rolling service's own spec sent again among them: an update or scale to the same values resets
 * UpdateStatus to null while the updater runs on (swarmkit keeps an updater heading for the same spec), and both the
 * session's tail and the replay's `wait: settled` wait for that updater to end.
 */
const duringRollout: fc.Arbitrary<string> = fc.oneof(
  line,
  fc.constantFrom(
    'docker service ps web',
    'docker service inspect --pretty web',
    'docker service scale -d web=3',
    'docker service update -d --update-delay 2s --image nginx:latest web',
  ),
);
/** Where the replay cursor stands when the line is typed: where the last line returned, the trace's end, between. */
const cursor = fc.constantFrom('return', 'end', 'between');
type Cursor = 'return' | 'end' | 'between';

function cursorMs(session: Session, at: Cursor): number {
  const returnMs = session.lastReturnMs;
  const endMs = session.trace.duration_ms;
  if (at === 'return') return returnMs;
  if (at === 'end') return endMs;
  return Math.floor((returnMs + endMs) / 2);
}

describe('web session (fast-check; the seed is printed on failure)', () => {
  it('typed one by one, lines give the trace runScenario gives; one step each where the live engine stands', () => {
    let oneStep = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.tuple(line, cursor), { minLength: 1, maxLength: 8 }),
        (seed, typed) => {
          const setup = { name: LESSON.name, seed, cluster: LESSON.cluster, files: LESSON.files };
          const session = new Session(setup);
          for (const [text, at] of typed) {
            const atMs = cursorMs(session, at);
            const live = atMs >= session.liveMs;
            const before = session.stepsApplied;
            session.type(text, atMs);
            // The line went on the live engine: the one step it is, whatever came before it.
            if (live) {
              expect(session.stepsApplied - before).toBe(1);
              oneStep++;
            }
          }
          expect(session.steps.map((s) => s.text)).toEqual(typed.map(([text]) => text));
          const run = runScenario(
            { ...setup, description: '', file: '<test>', steps: asScenarioSteps(session) },
            { tty: true, terminalWidth: TERMINAL_WIDTH },
          );
          expect(JSON.stringify(session.trace)).toBe(JSON.stringify(run.trace));
        },
      ),
      { numRuns: 60 },
    );
    // Most lines were typed where the live engine stood (the property checks something).
    expect(oneStep).toBeGreaterThan(60);
  });

  it('typed while a -d rollout runs: the trace runScenario gives; one step once the spare is built', () => {
    let inRollout = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 99 }),
        duringRollout,
        fc.boolean(),
        (seed, replicas, percent, text, prepared) => {
          const setup = { name: LESSON.name, seed, cluster: LESSON.cluster, files: LESSON.files };
          const session = new Session(setup);
          session.typeAll([
            `docker service create --name web --replicas ${replicas} nginx:1.25`,
            'docker service update -d --update-delay 2s --image nginx:latest web',
          ]);
          // The detached update returned at once: its rollout runs in the trace's tail, past the live engine's return.
          const returnMs = session.lastReturnMs;
          const atMs = returnMs + Math.floor(((session.trace.duration_ms - returnMs) * percent) / 100);
          const running = session.trace.events.some(
            (ev) => ev.type === 'update_status' && ev.state === 'completed' && ev.t_ms > atMs,
          );
          const live = atMs >= session.liveMs;
          if (prepared) while (!session.prepareStep());
          const before = session.stepsApplied;
          session.type(text, atMs);
          // Typed inside the tail: on the spare when the page had the time to build it, else on an engine rebuilt
          // from the kept lines (the two lines before, then this one).
          expect(session.stepsApplied - before).toBe(prepared || live ? 1 : 3);
          if (running) inRollout++;
          const run = runScenario(
            { ...setup, description: '', file: '<test>', steps: asScenarioSteps(session) },
            { tty: true, terminalWidth: TERMINAL_WIDTH },
          );
          expect(JSON.stringify(session.trace)).toBe(JSON.stringify(run.trace));
        },
      ),
      { numRuns: 60 },
    );
    // Most lines were typed while the rollout was still running (the property checks what it says).
    expect(inRollout).toBeGreaterThan(30);
  });
});
