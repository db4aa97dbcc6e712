// What a lesson is: its title (from catalog.ts, the page's list) and its content (a course lesson or a drill).
import type { Scenario } from '../../src/browser.js';
import type { Text } from '../i18n/messages.js';
import type { GoalInput } from './goals.js';
import type { Drill } from './trap-types.js';

export type { Text };

/** A lesson as its module writes it: everything but the title, which the catalog holds. */
export interface LessonContent {
  id: string;
  /** The scenario file, from scenarios/course/ (its cluster, images, files, seed). */
  scenarioFile: string;
  scenarioYaml: string;
  /** That file's scenario, loaded when the page was built (the page's first load carries no YAML parser). */
  scenario: Scenario;
  /** How many of the scenario's steps run before the learner takes over (creating the service, waiting...). */
  setupSteps: number;
  text: Text;
  commands: string[];
  goal: Text;
  check: (input: GoalInput) => boolean;
  hints: Text[];
  differs: Text[];
  /** A misconception drill (web/lessons/traps-*.ts): predictions asked before its scenario plays. */
  drill?: Drill;
}

export interface Lesson extends LessonContent {
  title: Text;
}

/** A drill's lesson content (the same fields as a course lesson's, plus its drill); its title is in catalog.ts. */
export type TrapLesson = LessonContent & { drill: Drill };
