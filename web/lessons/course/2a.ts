// Course lesson 2a (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s2a from '../../../scenarios/course/2a-manual-rollback.yaml?scenario';
import { runningImagesAt, specAction, statusReached } from '../goals.js';
import type { LessonContent } from '../lesson.js';
import { HISTORY, ONE_STEP } from './texts.js';

export const LESSON: LessonContent = {
  id: '2a',
  scenarioFile: '2a-manual-rollback.yaml',
  scenarioYaml: s2a.text,
  scenario: s2a.scenario,
  setupSteps: 4,
  text: {
    fr:
      'La mise à jour vers nginx:latest est terminée. Revenez en arrière à la main. Swarm échange la spec et la ' +
      'spec précédente, puis remplace de nouveau les tâches une à une : il crée des tâches nginx:1.25 neuves, il ' +
      'ne ranime pas les anciennes.',
    en:
      'The update to nginx:latest is done. Roll back by hand. Swarm swaps the spec and the previous spec, then ' +
      'replaces the tasks one by one again: it creates brand-new nginx:1.25 tasks; it does not revive the old ones.',
  },
  commands: ['docker service rollback my_service', 'docker service ps my_service'],
  goal: {
    fr: 'Un rollback manuel terminé (« rollback_completed ») et 3 répliques nginx:1.25.',
    en: 'A manual rollback completed (“rollback_completed”) and 3 nginx:1.25 replicas.',
  },
  check: (i) =>
    specAction(i, 'rollback') !== undefined &&
    statusReached(i, 'rollback_completed') !== undefined &&
    (runningImagesAt(i, 'my_service')['nginx:1.25'] ?? 0) === 3,
  hints: [
    { fr: 'La commande est docker service rollback SERVICE.', en: 'The command is docker service rollback SERVICE.' },
  ],
  differs: [
    {
      fr:
        'Le cours dit que le rollback va « un réplica à la fois » : il suit les réglages --rollback-* de la spec ' +
        'vers laquelle il revient (par défaut : 1 à la fois, surveillance 5 s), pas ceux de la mise à jour. Réglés ' +
        'avec la mise à jour elle-même, ils ne servent pas à ce rollback (voir le défi 2a).',
      en:
        'The course says the rollback goes “one replica at a time”: it follows the --rollback-* settings of the ' +
        'spec it goes back to (defaults: one at a time, 5 s monitor), not the update ones. Set in the update ' +
        'itself, they do not apply to this rollback (see challenge 2a).',
    },
    ONE_STEP,
    HISTORY,
  ],
};
