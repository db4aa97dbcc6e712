// Every lesson with its content, loaded at once: for the tests and tools that read them all. The page goes through
// catalog.ts instead, which fetches one lesson's content when it opens.
import { LESSON_CATALOG } from './catalog.js';
import { LESSON as l1a } from './course/1a.js';
import { LESSON as l1b } from './course/1b.js';
import { LESSON as l1c } from './course/1c.js';
import { LESSON as l2a } from './course/2a.js';
import { LESSON as l2b } from './course/2b.js';
import { LESSON as l2c } from './course/2c.js';
import { LESSON as l3 } from './course/3.js';
import type { Lesson, LessonContent, TrapLesson } from './lesson.js';
import { DEPLOY_TRAPS } from './traps-deploy.js';
import { MONITOR_TRAPS } from './traps-monitor.js';
import { ROLLBACK_TRAPS } from './traps-rollback.js';

export type { Lesson, Text } from './lesson.js';

const CONTENTS: LessonContent[] = [
  l1a,
  l1b,
  l1c,
  l2a,
  l2b,
  l2c,
  l3,
  ...MONITOR_TRAPS,
  ...ROLLBACK_TRAPS,
  ...DEPLOY_TRAPS,
];

export const LESSONS: Lesson[] = LESSON_CATALOG.map((entry) => {
  const content = CONTENTS.find((lesson) => lesson.id === entry.id);
  if (!content) throw new Error(`lesson ${entry.id} of the catalog has no content`);
  return { ...content, title: entry.title };
});

/** The drills among them. */
export const TRAP_LESSONS = LESSONS.filter((lesson): lesson is Lesson & TrapLesson => lesson.drill !== undefined);
