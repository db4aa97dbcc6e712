// Course lesson 2c (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s2c from '../../../scenarios/course/2c-check-after-rollback.yaml?scenario';
import { commandDuring } from '../goals.js';
import type { LessonContent } from '../lesson.js';
import { HISTORY } from './texts.js';

export const LESSON: LessonContent = {
  id: '2c',
  scenarioFile: '2c-check-after-rollback.yaml',
  scenarioYaml: s2c.text,
  scenario: s2c.scenario,
  setupSteps: 4,
  text: {
    fr:
      'Un rollback automatique vient d’avoir lieu. Vérifiez l’état : docker service ps montre nginx:1.25 partout ' +
      'et les tâches en échec dans l’historique ; inspect --pretty montre l’état de la mise à jour. Essayez ' +
      'ensuite un second rollback.',
    en:
      'An automatic rollback just happened. Check the state: docker service ps shows nginx:1.25 everywhere and ' +
      'the failed tasks in the history; inspect --pretty shows the update status. Then try a second rollback.',
  },
  commands: [
    'docker service ps my_service',
    'docker service inspect --pretty my_service',
    'docker service rollback my_service',
  ],
  goal: {
    fr: 'Exécuter docker service ps après le rollback (« rollback_completed »).',
    en: 'Run docker service ps after the rollback (“rollback_completed”).',
  },
  check: (i) => commandDuring(i, /^docker\s+service\s+ps\b/, ['rollback_completed']),
  hints: [
    {
      fr: 'Un rollback automatique efface PreviousSpec : le second rollback est refusé.',
      en: 'An automatic rollback clears PreviousSpec: the second rollback is refused.',
    },
  ],
  differs: [HISTORY],
};
