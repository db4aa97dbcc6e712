// Course lesson 1a (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s1a from '../../../scenarios/course/1a-update-image.yaml?scenario';
import { peakInFlight, runningImagesAt, statusReached } from '../goals.js';
import type { LessonContent } from '../lesson.js';
import { MONITOR } from './texts.js';

export const LESSON: LessonContent = {
  id: '1a',
  scenarioFile: '1a-update-image.yaml',
  scenarioYaml: s1a.text,
  scenario: s1a.scenario,
  setupSteps: 2,
  text: {
    fr:
      'Un service my_service tourne avec 3 répliques nginx:1.25. Demandez à Swarm de passer à nginx:latest. ' +
      'Observez la chronologie : chaque slot voit son ancienne tâche arrêtée, puis sa remplaçante démarrée, un ' +
      'slot après l’autre. Le service reste servi par les autres répliques pendant ce temps.',
    en:
      'A service my_service runs 3 replicas of nginx:1.25. Ask Swarm to move to nginx:latest. Watch the ' +
      'timeline: in each slot the old task is stopped, then its replacement started, one slot after the other. The ' +
      'other replicas keep serving meanwhile.',
  },
  commands: ['docker service update --image nginx:latest my_service', 'docker service ps my_service'],
  goal: {
    fr: 'Les 3 répliques tournent en nginx:latest, remplacées une à la fois, et la mise à jour est « completed ».',
    en: 'All 3 replicas run nginx:latest, replaced one at a time, and the update is “completed”.',
  },
  check: (i) =>
    (runningImagesAt(i, 'my_service')['nginx:latest'] ?? 0) === 3 &&
    peakInFlight(i) === 1 &&
    statusReached(i, 'completed') !== undefined,
  hints: [
    {
      fr: 'Par défaut --update-parallelism vaut 1 : un slot à la fois.',
      en: 'By default --update-parallelism is 1: one slot at a time.',
    },
    {
      fr: 'Faites défiler le curseur pour voir chaque remplacement dans docker service ps.',
      en: 'Scrub the cursor to see each replacement in docker service ps.',
    },
  ],
  differs: [
    {
      fr:
        'Le cours dit « un réplica à la fois » : c’est le défaut, mais l’ancienne tâche est arrêtée avant que la ' +
        'nouvelle démarre (stop-first), donc une réplique manque pendant chaque remplacement.',
      en:
        'The course says “one replica at a time”: that is the default, but the old task stops before the new one ' +
        'starts (stop-first), so one replica is missing during each replacement.',
    },
    MONITOR,
  ],
};
