// The course's lessons (1a … 3): texts fr/en in our own words, commands to try, the goal checked from the trace, hints,
// Docker's differences.
import s1a from '../../scenarios/course/1a-update-image.yaml?scenario';
import s1b from '../../scenarios/course/1b-parallelism-delay.yaml?scenario';
import s1c from '../../scenarios/course/1c-follow-with-ps.yaml?scenario';
import s2a from '../../scenarios/course/2a-manual-rollback.yaml?scenario';
import s2b from '../../scenarios/course/2b-rollback-on-failure.yaml?scenario';
import s2c from '../../scenarios/course/2c-check-after-rollback.yaml?scenario';
import s3 from '../../scenarios/course/3-best-practices.yaml?scenario';
import type { Scenario } from '../../src/browser.js';
import type { Text } from '../i18n/messages.js';
import {
  commandDuring,
  type GoalInput,
  lowestDuringUpdate,
  peakInFlight,
  runningImagesAt,
  specAction,
  statusReached,
  updatedWith,
} from './goals.js';
import type { Drill } from './trap-types.js';
import { TRAP_LESSONS } from './traps.js';

export type { Text };

export interface Lesson {
  id: string;
  title: Text;
  /** The scenario file of scenarios/course/ (its cluster, images, files, seed). */
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
  /** A misconception drill (web/lessons/traps.ts): predictions asked before its scenario plays. */
  drill?: Drill;
}

const HISTORY: Text = {
  fr:
    'docker service ps garde au plus 5 tâches d’historique par slot (--task-history-limit) : les plus anciennes ' +
    'disparaissent.',
  en: 'docker service ps keeps at most 5 tasks of history per slot (--task-history-limit): older ones disappear.',
};
const MONITOR: Text = {
  fr:
    'La fenêtre de surveillance (--update-monitor) vaut 5 s par défaut ; un échec n’est compté que s’il survient ' +
    'avant sa fin.',
  en: 'The monitor window (--update-monitor) defaults to 5 s; a failure only counts if it happens before it ends.',
};

const ONE_STEP: Text = {
  fr:
    'Le cours parle d’un historique des versions : Swarm ne garde qu’une version précédente (PreviousSpec). Un ' +
    'rollback revient d’un seul cran, un second rollback revient à la nouvelle version, et après un rollback ' +
    'automatique il n’y a plus de version précédente (voir le piège 6).',
  en:
    'The course speaks of a version history: Swarm keeps a single previous version (PreviousSpec). A rollback goes ' +
    'back one step, a second rollback returns to the new version, and after an automatic rollback there is no ' +
    'previous version left (see trap 6).',
};

export const LESSONS: Lesson[] = [
  {
    id: '1a',
    title: { fr: '1a — Changer l’image d’un service', en: '1a — Change a service’s image' },
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
  },
  {
    id: '1b',
    title: { fr: '1b — Parallélisme et délai', en: '1b — Parallelism and delay' },
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
  },
  {
    id: '1c',
    title: { fr: '1c — Suivre la mise à jour avec ps', en: '1c — Follow the update with ps' },
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
  },
  {
    id: '2a',
    title: { fr: '2a — Rollback manuel', en: '2a — Manual rollback' },
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
  },
  {
    id: '2b',
    title: { fr: '2b — Rollback automatique sur échec', en: '2b — Automatic rollback on failure' },
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
  },
  {
    id: '2c',
    title: { fr: '2c — Vérifier après un rollback', en: '2c — Check after a rollback' },
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
  },
  {
    id: '3',
    title: { fr: '3 — Bonnes pratiques', en: '3 — Best practices' },
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
  },
  ...TRAP_LESSONS,
];
