// The page's lesson list: every entry fetches the content of its own lesson, titled as listed, the same as the list the
// tests and tools read at once.
import { describe, expect, it } from 'vitest';
import { LESSON_CATALOG, lessonEntry } from '../../web/lessons/catalog.js';
import { LESSONS } from '../../web/lessons/lessons.js';

describe('lesson catalog', () => {
  it('lists the course lessons, then the 11 drills, in course order; a plain visit opens 1a', () => {
    expect(LESSON_CATALOG.map((entry) => entry.id).slice(0, 8)).toEqual([
      '1a',
      '1b',
      '1c',
      '2a',
      '2b',
      '2c',
      '3',
      'trap-late-crash',
    ]);
    expect(LESSON_CATALOG).toHaveLength(18);
    expect(LESSON_CATALOG.map((entry) => entry.id)).toEqual(LESSONS.map((lesson) => lesson.id));
    expect(lessonEntry('2b')?.title.en).toBe('2b — Automatic rollback on failure');
    expect(lessonEntry('nope')).toBeUndefined();
    expect(lessonEntry(undefined)).toBeUndefined();
  });

  it('each entry loads its own lesson with its title, the same content the eager list holds, once', async () => {
    for (const entry of LESSON_CATALOG) {
      const lesson = await entry.load();
      const eager = LESSONS.find((l) => l.id === entry.id)!;
      expect(lesson.id).toBe(entry.id);
      expect(lesson.title).toBe(entry.title);
      expect(lesson.scenarioYaml).toBe(eager.scenarioYaml);
      expect(lesson.text).toEqual(eager.text);
      expect(Boolean(lesson.drill)).toBe(entry.id.startsWith('trap-'));
      expect(await entry.load()).toBe(lesson);
    }
  });
});
