// Course lesson 1b (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s1b from '../../../scenarios/course/1b-parallelism-delay.yaml?scenario';
import { updatedWith } from '../goals.js';
import type { LessonContent } from '../lesson.js';

export const LESSON: LessonContent = {
  id: '1b',
  scenarioFile: '1b-parallelism-delay.yaml',
  scenarioYaml: s1b.text,
  scenario: s1b.scenario,
  setupSteps: 2,
  text: {
    fr:
      'Six répliques tournent. Mettez-les à jour deux par deux, avec 10 s d’attente. Sur la chronologie, les ' +
      'bandes « délai » montrent que chacun des deux workers attend 10 s après chacune de ses tâches, y compris la ' +
      'dernière, avant la fenêtre de surveillance finale.',
    en:
      'Six replicas run. Update them two at a time, with a 10 s wait. On the timeline, the “delay” bands show ' +
      'that each of the two workers waits 10 s after each of its tasks, the last one included, before the final ' +
      'monitor window.',
  },
  commands: [
    'docker service update --update-parallelism 2 --update-delay 10s --image nginx:latest my_service',
    'docker service inspect --pretty my_service',
  ],
  goal: {
    fr: 'Remplacer deux répliques à la fois, à 10 s d’intervalle, jusqu’à « completed ».',
    en: 'Replace two replicas at a time, 10 s apart, until “completed”.',
  },
  check: (i) => updatedWith(i, 2, 10_000),
  hints: [
    {
      fr: 'Les options se combinent dans une seule commande docker service update.',
      en: 'The flags combine in one docker service update command.',
    },
    {
      fr: 'Avec un délai ≥ la surveillance (5 s), la surveillance finale dure délai + 1 s.',
      en: 'With a delay ≥ the monitor (5 s), the final monitor lasts delay + 1 s.',
    },
  ],
  differs: [
    {
      fr:
        'Le cours parle d’un délai « entre chaque mise à jour » : en réalité chaque worker dort --update-delay ' +
        'après chacune de ses tâches (la dernière aussi), il n’y a pas de lots fixes.',
      en:
        'The course speaks of a delay “between each update”: in fact each worker sleeps --update-delay after ' +
        'each of its own tasks (the last one too); there are no fixed batches.',
    },
    {
      fr:
        'Dans le tableau récapitulatif du cours, --update-delay est coupé en « update- delay » : tapé avec ' +
        'l’espace, Docker répond unknown flag: --update- (code 125). Écrivez l’option d’un seul tenant.',
      en:
        'In the course’s summary table --update-delay is split as “update- delay”: typed with the space, Docker ' +
        'answers unknown flag: --update- (exit 125). Write the flag in one piece.',
    },
  ],
};
