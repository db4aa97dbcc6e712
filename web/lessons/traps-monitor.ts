// Misconception drills about the monitor window and healthchecks: the late crash, the slow healthcheck, the 5 s
// default, RUNNING once healthy.

import healthyRunning from '../../scenarios/drills/misconceptions/healthy-running.yaml?scenario';
import lateCrash from '../../scenarios/drills/misconceptions/late-crash.yaml?scenario';
import monitorDefault from '../../scenarios/drills/misconceptions/monitor-default.yaml?scenario';
import slowHealthcheck from '../../scenarios/drills/misconceptions/slow-healthcheck.yaml?scenario';
import type { TrapLesson } from './lesson.js';
import { watchedPast } from './trap-grading.js';
import { FAILURE_CHOICES, MIXED, plainChoices, STARTING_CHOICES, STATUS_CHOICES, type Text } from './trap-types.js';

const UPDATER = 'swarmkit manager/orchestrator/update/updater.go';
const CONTROLLER = 'moby daemon/cluster/executor/container/controller.go';
const GOAL: Text = {
  fr: 'Prédire, regarder le scénario, puis lire la correction.',
  en: 'Predict, watch the scenario, then read the correction.',
};

const statusQuestion = (phase = 0) => ({
  id: 'status',
  kind: 'status' as const,
  service: 'web',
  phase,
  prompt: { fr: 'UpdateStatus final du service web ?', en: 'Final UpdateStatus of service web?' },
  choices: STATUS_CHOICES,
});
const failureQuestion = {
  id: 'failure',
  kind: 'failureCounted' as const,
  service: 'web',
  phase: 0,
  prompt: {
    fr: 'Combien de temps après le début de la mise à jour un échec est-il compté ?',
    en: 'How long after the update starts is a failure counted?',
  },
  choices: FAILURE_CHOICES,
};
const imageQuestion = (...images: string[]) => ({
  id: 'image',
  kind: 'image' as const,
  service: 'web',
  phase: 0,
  prompt: {
    fr: 'Quelle image les tâches de web exécutent-elles à la fin ?',
    en: 'Which image do web’s tasks run at the end?',
  },
  choices: [...plainChoices(...images), MIXED],
});

export const MONITOR_TRAPS: TrapLesson[] = [
  {
    id: 'trap-late-crash',
    scenarioFile: '../drills/misconceptions/late-crash.yaml',
    scenarioYaml: lateCrash.text,
    scenario: lateCrash.scenario,
    setupSteps: 2,
    text: {
      fr:
        'web tourne en app:v1 (3 répliques). On lance « docker service update --update-failure-action rollback ' +
        '--image app:late web ». La nouvelle image tourne 20 s, puis s’arrête en erreur (code 1), à chaque fois. Le ' +
        'retour arrière automatique est demandé : va-t-il se déclencher ? Prédisez avant de regarder.',
      en:
        'web runs app:v1 (3 replicas). We run “docker service update --update-failure-action rollback --image ' +
        'app:late web”. The new image runs 20 s, then exits with an error (code 1), every time. The automatic ' +
        'rollback is asked for: will it happen? Predict before you watch.',
    },
    commands: ['docker service update --update-monitor 30s --update-failure-action rollback --image app:late web'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'Le updater surveille chaque nouvelle tâche pendant --update-monitor après qu’elle tourne.',
        en: 'The updater watches each new task for --update-monitor after it runs.',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [statusQuestion(), failureQuestion, imageQuestion('app:v1', 'app:late')],
      rule: {
        fr:
          'Un échec n’est compté que pendant la surveillance d’une tâche : avant qu’elle tourne, ou moins de ' +
          '--update-monitor (5 s par défaut) après. Chaque slot passe ses 5 s sans échec ; la mise à jour finit « ' +
          'completed » avant le premier crash (20 s). Les crashs suivants relèvent de la seule politique de ' +
          'redémarrage, qui relance app:late : aucun retour arrière. Une surveillance plus longue que le délai ' +
          'd’apparition de la panne (--update-monitor 30s) l’aurait attrapée.',
        en:
          'A failure counts only while a task is monitored: before it runs, or less than --update-monitor (5 s by ' +
          'default) after. Each slot passes its 5 s with no failure; the update ends “completed” before the first ' +
          'crash (20 s). The crashes that follow are the restart policy’s alone, which restarts app:late: no ' +
          'rollback. A monitor longer than the time the fault takes to show (--update-monitor 30s) would have caught ' +
          'it.',
      },
      sources: [
        `${UPDATER} (failureTriggersAction: startedAt.IsZero() || time.Since(startedAt) <= monitoringPeriod)`,
        'docker docs: reference/cli/docker/service/update (--update-monitor)',
      ],
    },
  },
  {
    id: 'trap-slow-healthcheck',
    scenarioFile: '../drills/misconceptions/slow-healthcheck.yaml',
    scenarioYaml: slowHealthcheck.text,
    scenario: slowHealthcheck.scenario,
    setupSteps: 2,
    text: {
      fr:
        'La nouvelle image app:sick a un healthcheck toutes les 3 s, 3 essais, qui n’est jamais sain : il faut 9 s ' +
        'pour la déclarer malade, plus que la surveillance de 5 s. On met à jour avec --update-failure-action ' +
        'rollback. « 9 s > 5 s, donc le retour arrière ne viendra jamais » : vrai ou faux ? Prédisez.',
      en:
        'The new image app:sick has a healthcheck every 3 s, 3 retries, that is never healthy: it takes 9 s to ' +
        'declare it unhealthy, longer than the 5 s monitor. We update with --update-failure-action rollback. “9 s > ' +
        '5 s, so the rollback will never come”: true or false? Predict.',
    },
    commands: ['docker service ps web'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'Quand une tâche avec healthcheck devient-elle running ?',
        en: 'When does a task with a healthcheck become running?',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [
        statusQuestion(),
        failureQuestion,
        {
          id: 'starting',
          kind: 'startingSeconds',
          service: 'web',
          phase: 0,
          prompt: {
            fr: 'Combien de temps la première tâche app:sick reste-t-elle « starting » avant d’être running ?',
            en: 'How long does the first app:sick task stay “starting” before it is running?',
          },
          choices: STARTING_CHOICES,
        },
      ],
      rule: {
        fr:
          'Une tâche dont l’image a un healthcheck reste « starting » jusqu’au premier test sain. Une tâche qui ' +
          'échoue avant d’avoir tourné est comptée quelle que soit la surveillance : la première tâche app:sick ' +
          'échoue après 9 s et la mise à jour revient en arrière. Le piège « interval × retries > monitor » n’existe ' +
          'que pour une tâche d’abord saine (running) qui tombe malade ensuite : la détection arrive alors après la ' +
          'fenêtre (piège 1).',
        en:
          'A task whose image has a healthcheck stays “starting” until its first healthy probe. A task that fails ' +
          'before it ever ran counts whatever the monitor: the first app:sick task fails after 9 s and the update ' +
          'rolls back. The “interval × retries > monitor” trap only exists for a task that was healthy (running) ' +
          'first and becomes unhealthy later: detection then comes after the window (trap 1).',
      },
      sources: [
        `${UPDATER} (failureTriggersAction: startedAt.IsZero() || …: a task that fails before it ran always counts)`,
        `${CONTROLLER} (Start waits for health_status: healthy before the task is reported running)`,
        'docker docs: reference/dockerfile (HEALTHCHECK --interval, --retries)',
      ],
    },
  },
  {
    id: 'trap-monitor-default',
    scenarioFile: '../drills/misconceptions/monitor-default.yaml',
    scenarioYaml: monitorDefault.text,
    scenario: monitorDefault.scenario,
    setupSteps: 2,
    text: {
      fr:
        'On lit souvent que --update-monitor vaut 30 s par défaut. La nouvelle image app:crash10 plante 10 s après ' +
        'son démarrage. Mise à jour avec --update-failure-action rollback, sans préciser --update-monitor. Prédisez.',
      en:
        'You often read that --update-monitor defaults to 30 s. The new image app:crash10 crashes 10 s after it ' +
        'starts. Update with --update-failure-action rollback, without --update-monitor. Predict.',
    },
    commands: ['docker service inspect --pretty web'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'docker service inspect --pretty affiche « Monitoring Period ».',
        en: 'docker service inspect --pretty shows “Monitoring Period”.',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [statusQuestion(), failureQuestion, imageQuestion('app:v1', 'app:crash10')],
      rule: {
        fr:
          'La surveillance par défaut est de 5 s (UpdateConfig.Monitor et RollbackConfig.Monitor), pas 30 s : ' +
          'inspect --pretty affiche « Monitoring Period: 5s ». Un crash à 10 s tombe hors de la fenêtre : la mise à ' +
          'jour finit « completed » et le service tourne en boucle de redémarrage sur app:crash10. Avec 30 s, il y ' +
          'aurait eu retour arrière. (30 s est l’intervalle par défaut d’un HEALTHCHECK, pas la surveillance.)',
        en:
          'The default monitor is 5 s (UpdateConfig.Monitor and RollbackConfig.Monitor), not 30 s: inspect ' +
          '--pretty shows “Monitoring Period: 5s”. A crash at 10 s falls outside the window: the update ends ' +
          '“completed” and the service crash-loops on app:crash10. With 30 s it would have rolled back. (30 s is a ' +
          'HEALTHCHECK’s default interval, not the monitor.)',
      },
      sources: [
        'swarmkit api/defaults/service.go (Monitor: 5 * time.Second)',
        'docker/cli cli/command/service/opts.go (--update-monitor)',
        'moby daemon/health.go (defaultProbeInterval = 30 * time.Second)',
      ],
    },
  },
  {
    id: 'trap-healthy-running',
    scenarioFile: '../drills/misconceptions/healthy-running.yaml',
    scenarioYaml: healthyRunning.text,
    scenario: healthyRunning.scenario,
    setupSteps: 2,
    text: {
      fr:
        'La nouvelle image app:v2 a un healthcheck (toutes les 2 s) qui devient sain 8 s après le démarrage du ' +
        'conteneur. On met à jour en start-first : la nouvelle tâche démarre avant l’arrêt de l’ancienne. Combien de ' +
        'temps une nouvelle tâche reste-t-elle « starting », et combien de répliques servent au pire ? Prédisez.',
      en:
        'The new image app:v2 has a healthcheck (every 2 s) that becomes healthy 8 s after the container starts. ' +
        'We update start-first: the new task starts before the old one stops. How long does a new task stay ' +
        '“starting”, and how many replicas serve at worst? Predict.',
    },
    commands: ['docker service ps web'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'Le updater n’arrête l’ancienne tâche qu’une fois la nouvelle running.',
        en: 'The updater stops the old task only once the new one is running.',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [
        {
          id: 'starting',
          kind: 'startingSeconds',
          service: 'web',
          phase: 0,
          prompt: {
            fr: 'Combien de temps la première tâche app:v2 reste-t-elle « starting » ?',
            en: 'How long does the first app:v2 task stay “starting”?',
          },
          choices: STARTING_CHOICES,
        },
        {
          id: 'lowest',
          kind: 'lowest',
          service: 'web',
          phase: 0,
          prompt: {
            fr: 'Combien de répliques servent au plus bas pendant la mise à jour ?',
            en: 'How many replicas serve at the lowest during the update?',
          },
          choices: plainChoices('0', '1', '2', '3'),
        },
        statusQuestion(),
      ],
      rule: {
        fr:
          'Une tâche avec healthcheck n’est « running » qu’une fois saine : elle reste « starting » ~8 s. En ' +
          'start-first, le updater garde l’ancienne tâche jusque-là, puis passe au slot suivant : 3 répliques ' +
          'servent tout du long, et la surveillance de 5 s commence seulement après.',
        en:
          'A task with a healthcheck is “running” only once healthy: it stays “starting” ~8 s. With start-first ' +
          'the updater keeps the old task until then, and only then moves to the next slot: 3 replicas serve ' +
          'throughout, and the 5 s monitor only starts afterwards.',
      },
      sources: [
        `${CONTROLLER} (Start waits for health_status: healthy)`,
        `${UPDATER} (start-first removes the old task once the new one is running)`,
      ],
    },
  },
];
