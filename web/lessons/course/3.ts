// Course lesson 3 (texts fr/en in our own words, commands, goal, hints, Docker's differences); its title is in
// web/lessons/catalog.ts.
import s3 from '../../../scenarios/course/3-best-practices.yaml?scenario';
import { lowestDuringUpdate, specAction, statusReached } from '../goals.js';
import type { LessonContent } from '../lesson.js';
import { MONITOR, ONE_STEP } from './texts.js';

export const LESSON: LessonContent = {
  id: '3',
  scenarioFile: '3-best-practices.yaml',
  scenarioYaml: s3.text,
  scenario: s3.scenario,
  setupSteps: 3,
  text: {
    fr:
      'Une pile shop tourne en 1.0 avec un healthcheck, une stratégie start-first, un délai de 5 s et ' +
      'failure_action: rollback. La version 1.1 ne devient jamais saine. Déployez-la et regardez : la tâche 1.1 ' +
      'reste « starting », échoue, Swarm revient en arrière, et grâce à start-first le service garde ses 4 ' +
      'répliques.',
    en:
      'A stack shop runs 1.0 with a healthcheck, a start-first strategy, a 5 s delay and failure_action: ' +
      'rollback. Release 1.1 never becomes healthy. Deploy it and watch: the 1.1 task stays “starting”, fails, ' +
      'Swarm rolls back, and thanks to start-first the service keeps its 4 replicas.',
  },
  commands: [
    'docker stack deploy -c stack-v2.yml shop',
    'docker service ps shop_web',
    'docker service logs shop_web',
    'docker logs shop_web',
  ],
  goal: {
    fr: 'Déployer la 1.1, obtenir un rollback automatique sans jamais descendre sous 4 répliques en service.',
    en: 'Deploy 1.1, get an automatic rollback without ever dropping below 4 running replicas.',
  },
  check: (i) =>
    specAction(i, 'auto_rollback') !== undefined &&
    statusReached(i, 'rollback_completed') !== undefined &&
    lowestDuringUpdate(i, 'shop_web') === 4,
  hints: [
    {
      fr: 'Le graphique de disponibilité montre le nombre de tâches en service par image.',
      en: 'The availability chart shows running tasks per image.',
    },
    {
      fr: 'Avec stop-first, la disponibilité tomberait à 3 pendant chaque remplacement.',
      en: 'With stop-first, availability would drop to 3 during each replacement.',
    },
  ],
  differs: [
    {
      fr:
        'Le cours conseille docker logs : cette commande lit un conteneur du nœud où tourne la CLI (ici node-1), ' +
        'nommé SERVICE.SLOT.ID_DE_TÂCHE ; docker logs shop_web répond No such container. Pour toutes les tâches ' +
        'd’un service, sur tous les nœuds : docker service logs.',
      en:
        'The course suggests docker logs: it reads one container of the node the CLI runs on (node-1 here), ' +
        'named SERVICE.SLOT.TASK_ID; docker logs shop_web answers No such container. For every task of a service, ' +
        'on every node: docker service logs.',
    },
    {
      fr:
        'Le cours promet des mises à jour « sans interruption » : par défaut (stop-first) une réplique manque ' +
        'pendant chaque remplacement ; seul start-first garde toute la capacité, et une mise à jour ratée n’est ' +
        'annulée que si son échec tombe dans la fenêtre de surveillance.',
      en:
        'The course promises updates “without interruption”: by default (stop-first) one replica is missing ' +
        'during each replacement; only start-first keeps the full capacity, and a failed update is only undone if ' +
        'its failure falls within the monitor window.',
    },
    ONE_STEP,
    MONITOR,
  ],
};
