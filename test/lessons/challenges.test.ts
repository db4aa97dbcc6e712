// The course challenges: for each section a known good policy passes every run, a known bad one breaks exactly the
// requirement it should.
import { describe, expect, it } from 'vitest';
import { detachedAnswer, gradeAnswer } from '../../src/lab/challenge.js';
import { CHALLENGE_SECTIONS } from '../../web/lessons/challenge-sections.js';
import { CHALLENGES, type Challenge } from '../../web/lessons/challenges.js';
import { LESSONS } from '../../web/lessons/lessons.js';

const bySection = (section: string): Challenge => CHALLENGES.find((c) => c.section === section) as Challenge;

/** Per section: an answer that meets every requirement, and one that breaks exactly `broken`, in `brokenRuns` runs. */
const ANSWERS: Record<string, { good: string; bad: string; broken: Record<string, number> }> = {
  '1a': {
    good:
      'docker service update --update-order start-first --update-failure-action continue --image nginx:1.27 ' +
      'my_service',
    bad: 'docker service update --update-order start-first --image nginx:1.27 my_service',
    broken: { 'outcome==completed': 1 },
  },
  '1b': {
    good: 'docker service update --update-parallelism 2 --image nginx:1.27 my_service',
    bad: 'docker service update --update-parallelism 2 --update-delay 10s --image nginx:1.27 my_service',
    broken: { 'duration<=25s': 6 },
  },
  '1c': {
    good: 'docker service update --update-monitor 15s --image nginx:bad my_service',
    bad: 'docker service update --image nginx:bad my_service',
    broken: { 'outcome==paused': 5, 'time-to-detect<=15s': 1 },
  },
  '2a': {
    good:
      'docker service create --name my_service --replicas 6 --rollback-parallelism 3 --rollback-order ' +
      'start-first nginx:1.25',
    bad: 'docker service create --name my_service --replicas 6 nginx:1.25',
    broken: { 'outcome==rollback_completed': 1, 'min-available>=6': 6, 'duration<=12s': 6 },
  },
  '2b': {
    good: 'docker service update --update-failure-action rollback --update-delay 4s --image nginx:bad my_service',
    bad: 'docker service update --update-failure-action rollback --image nginx:bad my_service',
    broken: { 'outcome==rollback_completed': 1, 'min-available>=3': 6, 'duration<=20s': 1 },
  },
  '2c': {
    good: 'docker service update --update-failure-action continue --image nginx:1.27 my_service',
    bad: 'docker service update --update-failure-action rollback --image nginx:1.27 my_service',
    broken: { 'outcome==completed': 6 },
  },
  '3': {
    good:
      'docker service create --name my_service --replicas 4 --update-order start-first --update-failure-action ' +
      'rollback shop/web:1.0',
    bad: 'docker service create --name my_service --replicas 4 shop/web:1.0',
    broken: { 'outcome==rollback_completed': 6, 'min-available>=4': 6 },
  },
};

describe('course challenges', () => {
  it('one per course section, in the lessons’ order', () => {
    const courseSections = LESSONS.filter((l) => !l.drill).map((l) => l.id);
    expect(CHALLENGES.map((c) => c.section)).toEqual(courseSections);
    expect(CHALLENGE_SECTIONS).toEqual(courseSections);
    expect(courseSections).toEqual(['1a', '1b', '1c', '2a', '2b', '2c', '3']);
  });

  for (const challenge of CHALLENGES) {
    const { good, bad, broken } = ANSWERS[challenge.section];
    it(`${challenge.section}: a known good answer passes all 5 seeds and the node loss`, () => {
      const grade = gradeAnswer(challenge.plan, good);
      if (grade.kind !== 'graded') throw new Error(`refused: ${JSON.stringify(grade.refusal)}`);
      expect(grade.runs.map((r) => [r.seed, r.nodeLoss?.node ?? null, r.broken])).toEqual([
        [1, null, []],
        [2, null, []],
        [3, null, []],
        [4, null, []],
        [5, null, []],
        [1, 'node-3', []],
      ]);
      expect(grade.passed).toBe(true);
    });
    it(`${challenge.section}: a known bad answer breaks exactly ${Object.keys(broken).join(', ')}`, () => {
      const grade = gradeAnswer(challenge.plan, bad);
      if (grade.kind !== 'graded') throw new Error(`refused: ${JSON.stringify(grade.refusal)}`);
      expect(grade.passed).toBe(false);
      const counted = Object.fromEntries(
        grade.requirements.filter((r) => r.brokenRuns).map((r) => [r.text, r.brokenRuns]),
      );
      expect(counted).toEqual(broken);
    });
  }

  it('1a: the node-loss run says which node, when, and which requirement it broke', () => {
    const grade = gradeAnswer(bySection('1a').plan, ANSWERS['1a'].bad);
    if (grade.kind !== 'graded') throw new Error('refused');
    const lossRun = grade.runs[5];
    expect(lossRun.outcome).toBe('paused');
    expect(lossRun.broken).toEqual(['outcome==completed']);
    expect((lossRun.nodeLoss?.backMs ?? 0) - (lossRun.nodeLoss?.atMs ?? 0)).toBe(20_000);
    expect(grade.requirements[0].broken).toBe(lossRun);
  });

  it('2b: the course’s own command is refused with Docker’s error, not graded', () => {
    const grade = gradeAnswer(
      bySection('2b').plan,
      'docker service update --rollback --update-failure-action rollback --image nginx:latest my_service',
    );
    expect(grade).toEqual({
      kind: 'refused',
      refusal: { reason: 'docker-error', stderr: 'other flags may not be combined with --rollback', exitCode: 1 },
    });
  });

  it('refuses what the task does not ask: another image, another command, another service, nothing', () => {
    const plan = bySection('1a').plan;
    expect(gradeAnswer(plan, 'docker service update --image nginx:1.28 my_service')).toEqual({
      kind: 'refused',
      refusal: { reason: 'wrong-image', expected: 'nginx:1.27', actual: 'nginx:1.28' },
    });
    expect(gradeAnswer(plan, 'docker service ps my_service')).toEqual({
      kind: 'refused',
      refusal: { reason: 'not-service-command', expected: 'update' },
    });
    expect(gradeAnswer(plan, '   ')).toEqual({ kind: 'refused', refusal: { reason: 'empty' } });
    const other = gradeAnswer(plan, 'docker service update --image nginx:1.27 web');
    expect(other).toEqual({
      kind: 'refused',
      refusal: { reason: 'docker-error', stderr: 'Error response from daemon: service web not found', exitCode: 1 },
    });
  });

  it('runs the answer detached, keeping its words as typed; refuses more than 50 replicas', () => {
    expect(detachedAnswer("docker service update --health-cmd 'curl  -f x' web")).toBe(
      "docker service update -d --health-cmd 'curl  -f x' web",
    );
    expect(detachedAnswer('docker service update --detach=false --image a web')).toBe(
      'docker service update --detach=true --image a web',
    );
    expect(detachedAnswer('docker service create -qd --name web a')).toBe('docker service create -qd --name web a');
    expect(
      gradeAnswer(bySection('3').plan, 'docker service create --name my_service --replicas 51 shop/web:1.0'),
    ).toEqual({
      kind: 'refused',
      refusal: { reason: 'too-many-replicas', replicas: 51, max: 50 },
    });
  });
});
