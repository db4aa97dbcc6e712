// Course lesson 2b (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s2b from '../../../scenarios/course/2b-rollback-on-failure.yaml?scenario';
import { specAction, statusReached } from '../goals.js';
import type { LessonContent } from '../lesson.js';
import { MONITOR } from './texts.js';

export const LESSON: LessonContent = {
  id: '2b',
  scenarioFile: '2b-rollback-on-failure.yaml',
  scenarioYaml: s2b.text,
  scenario: s2b.scenario,
  setupSteps: 2,
  text: {
    fr:
      'L’image nginx:bad s’arrête avec le code 1 deux secondes après son démarrage. Demandez une mise à jour qui ' +
      'revient en arrière toute seule en cas d’échec. Essayez d’abord la commande du cours, telle quelle : Docker ' +
      'la refuse.',
    en:
      'The nginx:bad image exits with code 1 two seconds after it starts. Ask for an update that rolls itself ' +
      'back on failure. First try the course’s command as written: Docker rejects it.',
  },
  commands: [
    'docker service update --rollback --update-failure-action rollback --image nginx:latest my_service',
    'docker service update --update-failure-action rollback --image nginx:bad my_service',
  ],
  goal: {
    fr: 'Une mise à jour vers nginx:bad annulée automatiquement (« rollback_completed »).',
    en: 'An update to nginx:bad rolled back automatically (“rollback_completed”).',
  },
  check: (i) => specAction(i, 'auto_rollback') !== undefined && statusReached(i, 'rollback_completed') !== undefined,
  hints: [
    { fr: '--rollback ne se combine avec aucune autre option.', en: '--rollback combines with no other flag.' },
    {
      fr: 'La marque ✕ rouge sur la chronologie montre l’échec qui a déclenché le rollback.',
      en: 'The red ✕ mark on the timeline shows the failure that triggered the rollback.',
    },
  ],
  differs: [
    {
      fr:
        'La commande du cours combine --rollback avec --image : Docker répond « other flags may not be combined ' +
        'with --rollback ». La forme qui marche est une mise à jour avec --update-failure-action rollback.',
      en:
        'The course’s command combines --rollback with --image: Docker answers “other flags may not be combined ' +
        'with --rollback”. The working form is an update with --update-failure-action rollback.',
    },
    {
      fr:
        '« Après un certain nombre d’essais » est en fait un ratio d’échecs (--update-max-failure-ratio, 0 par ' +
        'défaut : le premier échec suffit) dans la fenêtre de surveillance.',
      en:
        '“After a number of tries” is really a failure ratio (--update-max-failure-ratio, default 0: the first ' +
        'failure counts) within the monitor window.',
    },
    {
      fr:
        'Le cours dit qu’aucune option ne force un rollback immédiat : --rollback-parallelism 0 remplace toutes ' +
        'les tâches à la fois. Il doit figurer dans la spec vers laquelle on revient (celle d’avant la mise à jour).',
      en:
        'The course says no option forces an immediate rollback: --rollback-parallelism 0 replaces every task at ' +
        'once. It must be in the spec the rollback returns to (the one from before the update).',
    },
    MONITOR,
  ],
};
