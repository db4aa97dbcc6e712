// The web session: typing the 200th line where the live engine stands vs replaying the 200 lines from zero.
import { readFileSync } from 'node:fs';
import { loadScenario } from '../src/scenario/load.js';
import { Session } from '../web/session/session.js';

const FILE = 'scenarios/course/1a-update-image.yaml';
export const SESSION_LINES = 200;
/** What a learner types over and over, each line once the replay reached the end of the trace. */
const CYCLE = [
  'docker service update --image nginx:latest my_service',
  'docker service ps my_service',
  'docker service scale my_service=5',
  'docker service update -d --update-parallelism 2 --image nginx:1.25 my_service',
  'docker service ls',
  'docker service scale my_service=3',
  'swarmlab wait 10s',
  'docker service rollback my_service',
];
/** The last line is a whole rollout, followed to its end: the 198 lines before it leave the service on nginx:1.25. */
const LINES = [
  'docker service create --name my_service --replicas 3 nginx:1.25',
  ...Array.from({ length: SESSION_LINES - 2 }, (_, i) => CYCLE[i % CYCLE.length]),
  CYCLE[0],
];

export interface SessionAppendFigures {
  lines: number;
  lastLine: string;
  /** Typing the last line on a session holding the others: wall ms per repeat, and the steps it ran. */
  appendMs: number[];
  appendSteps: number;
  /** The same lines replayed from zero on a fresh engine (a rebuild; before, what every typed line cost). */
  replayMs: number[];
  replaySteps: number;
  /** Events of the final trace. */
  events: number;
}

function newSession(): Session {
  const scenario = loadScenario(readFileSync(FILE, 'utf8'), FILE);
  return new Session({ name: scenario.name, seed: scenario.seed, cluster: scenario.cluster, files: scenario.files });
}

export function measureSessionAppend(repeats: number): SessionAppendFigures {
  const appendMs: number[] = [];
  const replayMs: number[] = [];
  let appendSteps = 0;
  let replaySteps = 0;
  let events = 0;
  for (let r = 0; r < repeats; r++) {
    const session = newSession();
    for (const line of LINES.slice(0, -1)) session.type(line, session.trace.duration_ms);
    const before = session.stepsApplied;
    const t0 = performance.now();
    session.type(LINES.at(-1)!, session.trace.duration_ms);
    appendMs.push(performance.now() - t0);
    appendSteps = session.stepsApplied - before;
    events = session.trace.events.length;

    const replayed = newSession();
    const t1 = performance.now();
    replayed.restore(session.steps);
    replayMs.push(performance.now() - t1);
    replaySteps = replayed.stepsApplied;
    if (JSON.stringify(replayed.trace) !== JSON.stringify(session.trace))
      throw new Error('the replayed session does not give the typed session’s trace');
  }
  return { lines: LINES.length, lastLine: LINES.at(-1)!, appendMs, appendSteps, replayMs, replaySteps, events };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) =>
  `${median(values).toFixed(1)} ms [${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}]`;

/** The section's lines, as `npm run bench` prints them. */
export function printSessionAppend(f: SessionAppendFigures): string[] {
  return [
    `   ${f.lines} lines typed at the end of the trace (${f.events} events); the last: "${f.lastLine}"`,
    `   append line ${f.lines} on the live engine:  ${spread(f.appendMs)}, ${f.appendSteps} step`,
    `   replay all ${f.lines} lines from zero:     ${spread(f.replayMs)}, ${f.replaySteps} steps`,
    `   replay / append: ×${(median(f.replayMs) / median(f.appendMs)).toFixed(0)}`,
  ];
}

// Run alone (`npx tsx bench/session-append.ts`); not when bundled into the bench, where import.meta is the bench's.
if (process.argv[1]?.endsWith('session-append.ts')) {
  for (const line of printSessionAppend(measureSessionAppend(5))) console.log(line);
}
