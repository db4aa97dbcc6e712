// One challenge per course section (1a … 3): a task answered by one typed policy, graded on 5 seeds and one node
// rebooting (src/lab/challenge.ts).
import type { ChallengePlan } from '../../src/browser.js';
import type { Text } from '../i18n/messages.js';

export interface Challenge {
  /** The course section it belongs to, as the lessons name it (`1a`, …, `3`). */
  section: string;
  title: Text;
  task: Text;
  hint: Text;
  /** What the answer field shows before anything is typed. */
  placeholder: string;
  plan: ChallengePlan;
}

/** Image pulls take 0.2 to 3 s: each seed draws its own, so the five seed runs differ. */
const PULLS = '  timing:\n    pull: {min: 200ms, max: 3s}\n';
const scenario = (images: string, setup: string) =>
  `name: challenge\nseed: 1\ncluster:\n  nodes: 3\n${PULLS}${images}steps:\n${setup}`;
const created = (replicas: number, image: string) =>
  `  - docker service create -d --name my_service --replicas ${replicas} ${image}\n  - 'wait: converged'\n`;
const NOTHING_YET = "  - 'wait: 1s'\n";
/** Every challenge: the same five seeds, and node-3 lost 3 s into the measured rollout, back 20 s later. */
const RUNS = {
  service: 'my_service',
  seeds: [1, 2, 3, 4, 5],
  nodeLoss: { node: 'node-3', afterMs: 3_000, forMs: 20_000, seed: 1 },
} as const;

export const CHALLENGES: Challenge[] = [
  {
    section: '1a',
    title: { fr: 'Défi 1a — Aucune réplique perdue', en: 'Challenge 1a — No replica lost' },
    task: {
      fr:
        'my_service tourne en 4 répliques nginx:1.25. Passez-le en nginx:1.27 sans jamais descendre sous 4 ' +
        'répliques en service, et la mise à jour doit se terminer (« completed ») en 40 s au plus, même quand node-3 ' +
        'redémarre pendant la mise à jour.',
      en:
        'my_service runs 4 replicas of nginx:1.25. Move it to nginx:1.27 without ever dropping below 4 serving ' +
        'replicas, and the update must end (“completed”) within 40 s, even when node-3 reboots during the update.',
    },
    hint: {
      fr:
        'Par défaut l’ancienne tâche s’arrête avant que la nouvelle démarre. Et une tâche envoyée sur le nœud ' +
        'perdu échoue à son retour : la réaction par défaut à un échec est pause.',
      en:
        'By default the old task stops before the new one starts. And a task sent to the lost node fails when it ' +
        'comes back: the default reaction to a failure is pause.',
    },
    placeholder: 'docker service update … --image nginx:1.27 my_service',
    plan: {
      ...RUNS,
      scenarioYaml: scenario('', created(4, 'nginx:1.25')),
      answerKind: 'update',
      answerImage: 'nginx:1.27',
      afterAnswer: [],
      measured: 0,
      requirements: ['outcome==completed', 'min-available>=4', 'duration<=40s'],
    },
  },
  {
    section: '1b',
    title: { fr: 'Défi 1b — Vite, mais pas trop', en: 'Challenge 1b — Fast, but not too fast' },
    task: {
      fr:
        'my_service tourne en 6 répliques nginx:1.25. Passez en nginx:1.27 en 25 s au plus, sans jamais avoir ' +
        'moins de 4 répliques en service, jusqu’à « completed ».',
      en:
        'my_service runs 6 replicas of nginx:1.25. Move to nginx:1.27 within 25 s, never with fewer than 4 serving ' +
        'replicas, up to “completed”.',
    },
    hint: {
      fr:
        'La commande du cours (--update-parallelism 2 --update-delay 10s) est trop lente : chaque worker dort le ' +
        'délai après chacune de ses tâches, la dernière aussi.',
      en:
        'The course’s command (--update-parallelism 2 --update-delay 10s) is too slow: each worker sleeps the ' +
        'delay after each of its tasks, the last one too.',
    },
    placeholder: 'docker service update … --image nginx:1.27 my_service',
    plan: {
      ...RUNS,
      scenarioYaml: scenario('', created(6, 'nginx:1.25')),
      answerKind: 'update',
      answerImage: 'nginx:1.27',
      afterAnswer: [],
      measured: 0,
      requirements: ['outcome==completed', 'min-available>=4', 'duration<=25s'],
    },
  },
  {
    section: '1c',
    title: { fr: 'Défi 1c — Voir l’échec tardif', en: 'Challenge 1c — Catch the late crash' },
    task: {
      fr:
        'L’image nginx:bad s’arrête avec le code 1 huit secondes après son démarrage. docker service ps montre les ' +
        'plantages, mais Swarm doit les compter : la mise à jour doit s’arrêter (« paused ») et l’échec être compté ' +
        'en 15 s au plus après son début.',
      en:
        'The nginx:bad image exits with code 1 eight seconds after it starts. docker service ps shows the crashes, ' +
        'but Swarm must count them: the update must stop (“paused”) and the failure be counted within 15 s of its ' +
        'start.',
    },
    hint: {
      fr:
        'Un échec n’est compté que dans la fenêtre de surveillance (--update-monitor, 5 s par défaut) qui suit le ' +
        'démarrage de la tâche.',
      en: 'A failure only counts within the monitor window (--update-monitor, 5 s by default) after the task starts.',
    },
    placeholder: 'docker service update … --image nginx:bad my_service',
    plan: {
      ...RUNS,
      scenarioYaml: scenario('images:\n  nginx:bad: {exit: 1, after: 8s}\n', created(4, 'nginx:1.25')),
      answerKind: 'update',
      answerImage: 'nginx:bad',
      afterAnswer: [],
      measured: 0,
      requirements: ['outcome==paused', 'time-to-detect<=15s'],
    },
  },
  {
    section: '2a',
    title: { fr: 'Défi 2a — Un rollback manuel rapide', en: 'Challenge 2a — A fast manual rollback' },
    task: {
      fr:
        'Créez my_service (6 répliques nginx:1.25). On le passera ensuite en nginx:1.27, puis on tapera docker ' +
        'service rollback my_service : ce rollback doit se terminer en 12 s au plus sans jamais descendre sous 6 ' +
        'répliques en service.',
      en:
        'Create my_service (6 replicas of nginx:1.25). It will then be moved to nginx:1.27, then docker service ' +
        'rollback my_service will be typed: that rollback must end within 12 s without ever dropping below 6 serving ' +
        'replicas.',
    },
    hint: {
      fr: 'Un rollback suit les réglages --rollback-* de la spec vers laquelle il revient : ceux de la création, ici.',
      en: 'A rollback follows the --rollback-* settings of the spec it goes back to: the ones given at creation, here.',
    },
    placeholder: 'docker service create --name my_service --replicas 6 … nginx:1.25',
    plan: {
      ...RUNS,
      scenarioYaml: scenario('', NOTHING_YET),
      answerKind: 'create',
      answerImage: 'nginx:1.25',
      afterAnswer: [
        'wait: converged',
        'docker service update -d --image nginx:1.27 my_service',
        'wait: settled',
        'docker service rollback -d my_service',
      ],
      measured: 1,
      requirements: ['outcome==rollback_completed', 'min-available>=6', 'duration<=12s'],
    },
  },
  {
    section: '2b',
    title: { fr: 'Défi 2b — Revenir en arrière sans casse', en: 'Challenge 2b — Roll back without damage' },
    task: {
      fr:
        'L’image nginx:bad s’arrête avec le code 1 deux secondes après son démarrage. Déployez-la sur my_service ' +
        '(4 répliques) : Swarm doit revenir seul en nginx:1.25 (« rollback_completed ») en 20 s au plus, en gardant ' +
        'au moins 3 des 4 répliques en service.',
      en:
        'The nginx:bad image exits with code 1 two seconds after it starts. Deploy it on my_service (4 replicas): ' +
        'Swarm must go back to nginx:1.25 by itself (“rollback_completed”) within 20 s, keeping at least 3 of the 4 ' +
        'replicas serving.',
    },
    hint: {
      fr:
        'Sans délai, le worker passe au slot suivant dès que la nouvelle tâche tourne : le plantage de la première ' +
        'arrive quand d’autres ont déjà été remplacées.',
      en:
        'Without a delay, the worker moves to the next slot as soon as the new task runs: the first one’s crash ' +
        'comes when others were already replaced.',
    },
    placeholder: 'docker service update … --image nginx:bad my_service',
    plan: {
      ...RUNS,
      scenarioYaml: scenario('images:\n  nginx:bad: {exit: 1, after: 2s}\n', created(4, 'nginx:1.25')),
      answerKind: 'update',
      answerImage: 'nginx:bad',
      afterAnswer: [],
      measured: 0,
      requirements: ['outcome==rollback_completed', 'min-available>=3', 'duration<=20s'],
    },
  },
  {
    section: '2c',
    title: { fr: 'Défi 2c — Un rollback de trop', en: 'Challenge 2c — One rollback too many' },
    task: {
      fr:
        'Après un rollback, docker service ps a montré la cause : environ un conteneur nginx:1.27 sur cinq plante ' +
        'une seconde après son démarrage, et la tâche qui le remplace tourne en général sans souci. Redéployez ' +
        'nginx:1.27 sur my_service (6 répliques) : la mise à jour doit aller au bout (« completed ») en 40 s au ' +
        'plus, avec au moins 3 répliques en service.',
      en:
        'After a rollback, docker service ps showed the cause: about one nginx:1.27 container in five crashes a ' +
        'second after it starts, and the task replacing it usually runs fine. Deploy nginx:1.27 on my_service (6 ' +
        'replicas) again: the update must go through (“completed”) within 40 s, with at least 3 serving replicas.',
    },
    hint: {
      fr:
        'Avec le ratio d’échecs par défaut (0), le premier échec déclenche la réaction choisie par ' +
        '--update-failure-action.',
      en:
        'With the default failure ratio (0), the first failure triggers the reaction --update-failure-action ' +
        'chooses.',
    },
    placeholder: 'docker service update … --image nginx:1.27 my_service',
    plan: {
      ...RUNS,
      scenarioYaml: scenario(
        'images:\n  nginx:1.27: {exit: 1, after: 1s, fail_fraction: 0.2}\n',
        created(6, 'nginx:1.25'),
      ),
      answerKind: 'update',
      answerImage: 'nginx:1.27',
      afterAnswer: [],
      measured: 0,
      requirements: ['outcome==completed', 'min-available>=3', 'duration<=40s'],
    },
  },
  {
    section: '3',
    title: { fr: 'Défi 3 — Une politique prête pour la production', en: 'Challenge 3 — A production-ready policy' },
    task: {
      fr:
        'Créez my_service (4 répliques shop/web:1.0, dont le healthcheck passe). On y déploiera ensuite ' +
        'shop/web:1.1, qui ne devient jamais saine : Swarm doit revenir seul en 1.0 (« rollback_completed ») en 60 s ' +
        'au plus, sans jamais descendre sous 4 répliques en service.',
      en:
        'Create my_service (4 replicas of shop/web:1.0, whose healthcheck passes). shop/web:1.1 will then be ' +
        'deployed on it, and it never becomes healthy: Swarm must go back to 1.0 by itself (“rollback_completed”) ' +
        'within 60 s, never dropping below 4 serving replicas.',
    },
    hint: {
      fr: 'La politique de mise à jour se règle dès la création (--update-*), comme dans un fichier de pile.',
      en: 'The update policy can be set at creation (--update-*), as in a stack file.',
    },
    placeholder: 'docker service create --name my_service --replicas 4 … shop/web:1.0',
    plan: {
      ...RUNS,
      scenarioYaml: scenario(
        'images:\n  shop/web:1.0:\n    healthcheck: {interval: 2s, retries: 3, healthy_after: 2s}\n  shop/web:1.1:\n ' +
          '   healthcheck: {interval: 2s, retries: 3, healthy_after: never}\n',
        NOTHING_YET,
      ),
      answerKind: 'create',
      answerImage: 'shop/web:1.0',
      afterAnswer: ['wait: converged', 'docker service update -d --image shop/web:1.1 my_service'],
      measured: 0,
      requirements: ['outcome==rollback_completed', 'min-available>=4', 'duration<=60s'],
    },
  },
];
