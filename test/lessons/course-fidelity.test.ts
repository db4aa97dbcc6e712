// The course chapter in the sandbox: each of its commands is suggested by a lesson and runs there as Docker runs it;
// each claim maps to a lesson that says what Docker really does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Lang, Text } from '../../web/i18n/messages.js';
import { LESSONS, type Lesson } from '../../web/lessons/lessons.js';

interface CourseCommand {
  id: string;
  where: string;
  course: string;
  intended?: string;
  typed: string;
  lesson: string;
  exitCode: number;
  stderr?: string;
}
interface CourseClaim {
  id: string;
  where: string;
  claim: Text;
  verdict: 'right' | 'vague' | 'wrong' | 'advice';
  docker?: string;
  lessons: string[];
  lessonSays?: Text;
}
const FIXTURE = JSON.parse(readFileSync('test/fixtures/course/claims.json', 'utf8')) as {
  commands: CourseCommand[];
  claims: CourseClaim[];
};

/** A command as one line: continuation backslashes joined, spaces collapsed. */
const oneLine = (text: string) =>
  text
    .replace(/\\\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const lessonOf = (id: string): Lesson => {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  return lesson;
};
/** Everything a lesson shows in one language: title, text, goal, hints, differences, its drill's rule and questions. */
const shown = (lesson: Lesson, lang: Lang): string =>
  [
    lesson.title,
    lesson.text,
    lesson.goal,
    ...lesson.hints,
    ...lesson.differs,
    ...(lesson.drill ? [lesson.drill.rule, ...lesson.drill.questions.map((q) => q.prompt)] : []),
  ]
    .map((text) => text[lang])
    .join('\n');

/** The line typed in the lesson once its setup steps ran: what the console shows. */
function typedInLesson(lesson: Lesson, line: string) {
  const scenario = loadScenario(lesson.scenarioYaml, lesson.scenarioFile);
  const setup = scenario.steps.slice(0, lesson.setupSteps);
  const step = { kind: 'command' as const, text: line, at: scenario.steps[0].at };
  const result = runScenario({ ...scenario, steps: [...setup, step], expect: undefined });
  const { stdout, stderr, exitCode } = result.outputs[result.outputs.length - 1];
  return { stdout, stderr, exitCode };
}

describe('the course chapter’s commands', () => {
  it('the summary table’s five rows and the eight commands of the text are all listed', () => {
    expect(FIXTURE.commands.filter((c) => c.where.startsWith('summary table')).map((c) => c.lesson)).toEqual([
      '1a',
      '1b',
      '1c',
      '2a',
      '2c',
    ]);
    expect(FIXTURE.commands.filter((c) => !c.where.startsWith('summary table')).map((c) => c.lesson)).toEqual([
      '1a',
      '1b',
      '1c',
      '2a',
      '2b',
      '2c',
      '3',
      '3',
    ]);
  });

  for (const command of FIXTURE.commands) {
    it(`${command.id}: “${oneLine(command.course)}” is suggested by lesson ${command.lesson}, runs as Docker's`, () => {
      const lesson = lessonOf(command.lesson);
      if (command.intended)
        expect(command.intended.replace('<image>', 'nginx:latest').replace('<service_name>', 'my_service')).toBe(
          command.typed,
        );
      else if (command.where.includes('prose')) expect(command.typed.startsWith(command.course)).toBe(true);
      else expect(oneLine(command.course)).toBe(command.typed);
      expect(lesson.commands.map(oneLine)).toContain(command.typed);
      const output = typedInLesson(lesson, command.typed);
      expect(output.exitCode).toBe(command.exitCode);
      if (command.stderr !== undefined) expect(output.stderr).toBe(command.stderr);
      else expect(output.stderr).toBe('');
      expect(`${output.stdout}${output.stderr}`).not.toMatch(/^swarmlab:/m);
    });
  }

  it('the summary table’s split --update-delay, typed as printed: Docker’s unknown flag, as lesson 1b says', () => {
    const output = typedInLesson(
      lessonOf('1b'),
      'docker service update --update-parallelism 2 --update- delay 10s --image nginx:latest my_service',
    );
    expect(output.exitCode).toBe(125);
    expect(output.stderr.split('\n')[0]).toBe('unknown flag: --update-');
  });
});

describe('the course chapter’s claims', () => {
  it('cover every part of the chapter', () => {
    const parts = new Set(FIXTURE.claims.map((c) => c.where.split(' ')[0]));
    expect([...parts].sort()).toEqual(
      ['introduction', '§1', '§1a', '§1b', '§1c', '§2', '§2a', '§2b', '§2c', '§3', 'summary', 'conclusion'].sort(),
    );
  });

  for (const claim of FIXTURE.claims) {
    it(`${claim.id} (${claim.verdict}): reachable from ${claim.lessons.join(', ')}`, () => {
      for (const id of claim.lessons) lessonOf(id);
      const needsCorrection = claim.verdict === 'vague' || claim.verdict === 'wrong';
      expect(claim.lessonSays !== undefined && claim.docker !== undefined).toBe(needsCorrection);
      if (!claim.lessonSays) return;
      const first = lessonOf(claim.lessons[0]);
      expect(shown(first, 'fr')).toContain(claim.lessonSays.fr);
      expect(shown(first, 'en')).toContain(claim.lessonSays.en);
    });
  }
});
