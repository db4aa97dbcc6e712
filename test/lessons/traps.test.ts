// The misconception drills: each scenario's facts as the grading reads them from its trace, and how predictions are
// graded.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { TrapLesson } from '../../web/lessons/lesson.js';
import { LESSONS, TRAP_LESSONS } from '../../web/lessons/lessons.js';
import { drillPlayed, gradeDrill, score } from '../../web/lessons/trap-grading.js';
import { Session, scenarioLines } from '../../web/session/session.js';

const traceOf = (lesson: TrapLesson) =>
  runScenario(loadScenario(lesson.scenarioYaml, `scenarios/drills/misconceptions/${lesson.id}.yaml`), {}).trace;
const byId = (id: string): TrapLesson => TRAP_LESSONS.find((l) => l.id === id) as TrapLesson;

/** What each drill's trace says, question by question (the answer a perfect prediction gives). */
const FACTS: Record<string, Record<string, string>> = {
  'trap-late-crash': { status: 'completed', failure: 'never', image: 'app:late' },
  'trap-slow-healthcheck': { status: 'rollback_completed', failure: '5to15', starting: 'never' },
  'trap-monitor-default': { status: 'completed', failure: 'never', image: 'app:crash10' },
  'trap-healthy-running': { starting: '2to15', lowest: '3', status: 'completed' },
  'trap-rollback-flags': { refused: 'refused', status: 'none', image: 'app:v1' },
  'trap-rollback-one-step': {
    refused: 'refused',
    'image-first': 'app:v1',
    'image-second': 'app:v2',
    status: 'rollback_completed',
  },
  'trap-rollback-config': { 'rollback-peak': '1', lowest: '3', status: 'rollback_completed' },
  'trap-paused': { 'status-paused': 'paused', 'image-paused': 'app:bad', status: 'completed' },
  'trap-same-tag-force': { 'same-tag': '0', force: '3', lowest: '2' },
  'trap-host-port-start-first': { status: 'updating', lowest: '1', image: 'app:v1' },
  'trap-stack-not-transaction': { 'api-image': 'api:1', 'web-image': 'web:2', 'web-status': 'completed' },
};

describe('misconception drills', () => {
  it('are eleven lessons of the page’s list, each with FR and EN texts and a choice for every fact', () => {
    expect(TRAP_LESSONS.map((l) => l.id)).toEqual(Object.keys(FACTS));
    expect(LESSONS.slice(-11).map((l) => l.id)).toEqual(Object.keys(FACTS));
    for (const lesson of TRAP_LESSONS) {
      for (const text of [lesson.title, lesson.text, lesson.drill.rule]) {
        expect(text.fr.length).toBeGreaterThan(10);
        expect(text.en.length).toBeGreaterThan(10);
        expect(text.fr).not.toBe(text.en);
      }
      expect(lesson.drill.sources.length).toBeGreaterThan(0);
      for (const question of lesson.drill.questions)
        expect(question.choices.map((c) => c.value)).toContain(FACTS[lesson.id][question.id]);
    }
  });

  for (const [id, facts] of Object.entries(FACTS)) {
    it(`${id}: a prediction of every fact the trace shows is graded right`, () => {
      const lesson = byId(id);
      const trace = lesson.drill.documented ? null : traceOf(lesson);
      expect(drillPlayed(lesson.drill, trace)).toBe(true);
      const grades = gradeDrill(lesson.drill, trace, facts);
      expect(Object.fromEntries(grades.map((g) => [g.questionId, g.actual]))).toEqual(facts);
      expect(score(grades)).toEqual({ right: grades.length, total: grades.length });
    });
  }

  /**
   * The drill as the page plays it: the setup typed when the lesson opens, the rest typed one line after the other from
   * the end of the setup's replay.
   */
  function pageTraceOf(lesson: TrapLesson) {
    const scenario = loadScenario(lesson.scenarioYaml, `${lesson.id}.yaml`);
    const session = new Session({
      name: scenario.name,
      seed: scenario.seed,
      cluster: scenario.cluster,
      files: scenario.files,
    });
    const lines = scenarioLines(scenario);
    session.typeAll(lines.slice(0, lesson.setupSteps));
    let cursorMs = session.trace.duration_ms;
    for (const line of lines.slice(lesson.setupSteps)) cursorMs = session.type(line, cursorMs);
    return session.trace;
  }

  for (const [id, facts] of Object.entries(FACTS).filter(([id]) => !byId(id).drill.documented)) {
    it(`${id}: played as the page plays it, the trace gives the same facts`, () => {
      const grades = gradeDrill(byId(id).drill, pageTraceOf(byId(id)), facts);
      expect(Object.fromEntries(grades.map((g) => [g.questionId, g.actual]))).toEqual(facts);
    });
  }

  it('grades a wrong prediction wrong and an unanswered question as not right', () => {
    const lesson = byId('trap-late-crash');
    const grades = gradeDrill(lesson.drill, traceOf(lesson), { status: 'rollback_completed', failure: 'never' });
    expect(grades).toEqual([
      { questionId: 'status', predicted: 'rollback_completed', actual: 'completed', correct: false },
      { questionId: 'failure', predicted: 'never', actual: 'never', correct: true },
      { questionId: 'image', predicted: null, actual: 'app:late', correct: false },
    ]);
    expect(score(grades)).toEqual({ right: 1, total: 3 });
  });

  it('a simulated drill is not graded before its watched commands are in the trace', () => {
    const lesson = byId('trap-paused');
    const setupOnly = runScenario(
      loadScenario(lesson.scenarioYaml.replace(/ {2}- docker service update[\s\S]*?expect:/, 'expect:'), 'x.yaml'),
      {},
    ).trace;
    expect(drillPlayed(lesson.drill, setupOnly)).toBe(false);
    expect(gradeDrill(lesson.drill, setupOnly, {}).map((g) => g.actual)).toEqual([null, null, null]);
  });

  it('host-mode port: simulated now, the new task pending with the scheduler’s error and the update stalled', () => {
    const lesson = byId('trap-host-port-start-first');
    expect(lesson.drill.documented).toBeUndefined();
    expect(lesson.drill.rule.en).toContain('no suitable node (host-mode port already in use on 1 node)');
    const trace = traceOf(lesson);
    const pending = trace.tasks.filter((t) => t.Status.State === 'pending').map((t) => t.Status.Err);
    expect(pending).toEqual(['no suitable node (host-mode port already in use on 1 node)']);
    expect(gradeDrill(lesson.drill, trace, { status: 'rollback_completed' })[0]).toEqual({
      questionId: 'status',
      predicted: 'rollback_completed',
      actual: 'updating',
      correct: false,
    });
  });
});
