// Course lesson 1c (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s1c from '../../../scenarios/course/1c-follow-with-ps.yaml?scenario';
import { commandDuring } from '../goals.js';
import type { LessonContent } from '../lesson.js';
import { HISTORY } from './texts.js';

export const LESSON: LessonContent = {
  id: '1c',
  scenarioFile: '1c-follow-with-ps.yaml',
  scenarioYaml: s1c.text,
  scenario: s1c.scenario,
  setupSteps: 2,
  text: {
    fr:
      'Lancez la mise à jour en arrière-plan (-d) puis, pendant qu’elle tourne, regardez les tâches avec docker ' +
      'service ps. Les anciennes tâches apparaissent sous les nouvelles, préfixées de \\_, avec l’état souhaité ' +
      'Shutdown.',
    en:
      'Start the update in the background (-d), then while it runs look at the tasks with docker service ps. Old ' +
      'tasks show under the new ones, prefixed with \\_, with desired state Shutdown.',
  },
  commands: [
    'docker service update -d --image nginx:latest my_service',
    'swarmlab wait 2s',
    'docker service ps my_service',
  ],
  goal: {
    fr: 'Exécuter docker service ps pendant que la mise à jour est en cours (« updating »).',
    en: 'Run docker service ps while the update is in progress (“updating”).',
  },
  check: (i) => commandDuring(i, /^docker\s+service\s+ps\b/, ['updating']),
  hints: [
    {
      fr: 'Sans -d, la commande suit la progression jusqu’à la fin et la console reste occupée.',
      en: 'Without -d the command follows the progress to the end and the console stays busy.',
    },
    {
      fr: 'Placez le curseur pendant la mise à jour puis tapez la commande : elle s’exécute à cet instant.',
      en: 'Put the cursor during the update then type the command: it runs at that instant.',
    },
  ],
  differs: [HISTORY],
};
