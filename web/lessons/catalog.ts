// The page's list of lessons, in course order: each one's id and title, and its content fetched on demand (a course
// lesson's own chunk, or its drills' group), so the first load carries only the lesson it opens.
import type { Text } from '../i18n/messages.js';
import { type OnDemand, onDemand } from '../on-demand.js';
// The lesson a plain visit opens comes with the first load: no second round trip before the first replay.
import { LESSON as OPENING } from './course/1a.js';
import type { Lesson, LessonContent, TrapLesson } from './lesson.js';

export interface LessonEntry {
  id: string;
  title: Text;
  /**
   * The lesson's content with this entry's title (its chunk fetched once, again after a failed fetch; `load.prefetch`
   * fetches it ahead, quietly).
   */
  load: OnDemand<Lesson>;
}

type Loader = () => Promise<LessonContent>;

const course = (id: string, title: Text, load: () => Promise<{ LESSON: LessonContent }>): LessonEntry =>
  entry(id, title, () => load().then((module) => module.LESSON));

const drill = (id: string, title: Text, load: () => Promise<TrapLesson[]>): LessonEntry =>
  entry(id, title, () =>
    load().then((group) => {
      const found = group.find((lesson) => lesson.id === id);
      if (!found) throw new Error(`lesson ${id} is not in its drills' module`);
      return found;
    }),
  );

function entry(id: string, title: Text, load: Loader): LessonEntry {
  const checked = (content: LessonContent): Lesson => {
    if (content.id !== id) throw new Error(`lesson ${id}'s module holds lesson ${content.id}`);
    return { ...content, title };
  };
  return { id, title, load: onDemand(() => load().then(checked)) };
}

const monitorTraps = () => import('./traps-monitor.js').then((m) => m.MONITOR_TRAPS);
const rollbackTraps = () => import('./traps-rollback.js').then((m) => m.ROLLBACK_TRAPS);
const deployTraps = () => import('./traps-deploy.js').then((m) => m.DEPLOY_TRAPS);

export const LESSON_CATALOG: LessonEntry[] = [
  course('1a', { fr: '1a — Changer l’image d’un service', en: '1a — Change a service’s image' }, async () => ({
    LESSON: OPENING,
  })),
  course('1b', { fr: '1b — Parallélisme et délai', en: '1b — Parallelism and delay' }, () => import('./course/1b.js')),
  course(
    '1c',
    { fr: '1c — Suivre la mise à jour avec ps', en: '1c — Follow the update with ps' },
    () => import('./course/1c.js'),
  ),
  course('2a', { fr: '2a — Rollback manuel', en: '2a — Manual rollback' }, () => import('./course/2a.js')),
  course(
    '2b',
    { fr: '2b — Rollback automatique sur échec', en: '2b — Automatic rollback on failure' },
    () => import('./course/2b.js'),
  ),
  course(
    '2c',
    { fr: '2c — Vérifier après un rollback', en: '2c — Check after a rollback' },
    () => import('./course/2c.js'),
  ),
  course('3', { fr: '3 — Bonnes pratiques', en: '3 — Best practices' }, () => import('./course/3.js')),
  drill('trap-late-crash', { fr: 'Piège 1 — Le crash tardif', en: 'Trap 1 — The late crash' }, monitorTraps),
  drill(
    'trap-slow-healthcheck',
    { fr: 'Piège 2 — Le healthcheck lent', en: 'Trap 2 — The slow healthcheck' },
    monitorTraps,
  ),
  drill(
    'trap-monitor-default',
    { fr: 'Piège 3 — La surveillance vaut 5 s', en: 'Trap 3 — The monitor is 5 s' },
    monitorTraps,
  ),
  drill(
    'trap-healthy-running',
    { fr: 'Piège 4 — Running seulement une fois sain', en: 'Trap 4 — Running only once healthy' },
    monitorTraps,
  ),
  drill(
    'trap-rollback-flags',
    { fr: 'Piège 5 — --rollback ne se combine pas', en: 'Trap 5 — --rollback does not combine' },
    rollbackTraps,
  ),
  drill(
    'trap-rollback-one-step',
    { fr: 'Piège 6 — Un seul pas en arrière', en: 'Trap 6 — One step back only' },
    rollbackTraps,
  ),
  drill(
    'trap-rollback-config',
    { fr: 'Piège 7 — Le rollback suit --rollback-*', en: 'Trap 7 — The rollback follows --rollback-*' },
    rollbackTraps,
  ),
  drill('trap-paused', { fr: 'Piège 8 — « update paused … »', en: 'Trap 8 — “update paused …”' }, rollbackTraps),
  drill(
    'trap-same-tag-force',
    { fr: 'Piège 9 — Même tag, ou --force', en: 'Trap 9 — Same tag, or --force' },
    deployTraps,
  ),
  drill(
    'trap-host-port-start-first',
    { fr: 'Piège 10 — start-first et port en mode host', en: 'Trap 10 — start-first and a host-mode port' },
    deployTraps,
  ),
  drill(
    'trap-stack-not-transaction',
    { fr: 'Piège 11 — Une stack n’est pas une transaction', en: 'Trap 11 — A stack is not a transaction' },
    deployTraps,
  ),
];

/** The catalog entry of lesson `id`, if there is one. */
export const lessonEntry = (id: string | undefined): LessonEntry | undefined =>
  LESSON_CATALOG.find((lesson) => lesson.id === id);
