// Misconception drills about what a deploy changes: the same tag vs --force, start-first with a host-mode port, a stack
// that is no transaction.
import hostPort from '../../scenarios/drills/misconceptions/host-port-start-first.yaml?scenario';
import sameTagForce from '../../scenarios/drills/misconceptions/same-tag-force.yaml?scenario';
import stack from '../../scenarios/drills/misconceptions/stack-not-transaction.yaml?scenario';
import type { TrapLesson } from './lesson.js';
import { watchedPast } from './trap-grading.js';
import { MIXED, plainChoices, STATUS_CHOICES, type Text } from './trap-types.js';

const GOAL: Text = {
  fr: 'Prédire, regarder le scénario, puis lire la correction.',
  en: 'Predict, watch the scenario, then read the correction.',
};

export const DEPLOY_TRAPS: TrapLesson[] = [
  {
    id: 'trap-same-tag-force',
    scenarioFile: '../drills/misconceptions/same-tag-force.yaml',
    scenarioYaml: sameTagForce.text,
    scenario: sameTagForce.scenario,
    setupSteps: 2,
    text: {
      fr:
        'web tourne en app:v1. On tape « docker service update -d --image app:v1 web » (le même tag), puis « ' +
        'docker service update -d --force web ». Combien de tâches chaque commande remplace-t-elle ? Prédisez.',
      en:
        'web runs app:v1. We type “docker service update -d --image app:v1 web” (the same tag), then “docker ' +
        'service update -d --force web”. How many tasks does each command replace? Predict.',
    },
    commands: ['docker service ps web'],
    goal: GOAL,
    check: watchedPast(2),
    hints: [
      {
        fr: 'Une tâche n’est remplacée que si sa spec diffère de celle du service.',
        en: 'A task is replaced only if its spec differs from the service’s.',
      },
    ],
    differs: [],
    drill: {
      phases: [1, 2],
      questions: [
        {
          id: 'same-tag',
          kind: 'replaced',
          service: 'web',
          phase: 0,
          prompt: {
            fr: 'Tâches remplacées par --image app:v1 (même tag) ?',
            en: 'Tasks replaced by --image app:v1 (same tag)?',
          },
          choices: plainChoices('0', '1', '3'),
        },
        {
          id: 'force',
          kind: 'replaced',
          service: 'web',
          phase: 1,
          prompt: { fr: 'Tâches remplacées par --force ?', en: 'Tasks replaced by --force?' },
          choices: plainChoices('0', '1', '3'),
        },
        {
          id: 'lowest',
          kind: 'lowest',
          service: 'web',
          phase: 1,
          prompt: {
            fr: 'Répliques qui servent au plus bas pendant --force ?',
            en: 'Replicas serving at the lowest during --force?',
          },
          choices: plainChoices('0', '1', '2', '3'),
        },
      ],
      rule: {
        fr:
          'Le orchestrateur ne remplace une tâche que si sa spec diffère de celle du service. Le même tag donne la ' +
          'même spec : aucune tâche remplacée, pas même d’UpdateStatus. --force incrémente ForceUpdate : toutes les ' +
          'tâches deviennent à remplacer, ici une à la fois en stop-first (2 répliques au plus bas). Sur un vrai ' +
          'swarm, le client docker épingle le digest du tag quand il peut interroger le registre : un tag repoussé ' +
          'change alors la spec ; ce simulateur ne modélise pas les digests.',
        en:
          'The orchestrator replaces a task only if its spec differs from the service’s. The same tag gives the ' +
          'same spec: no task replaced, not even an UpdateStatus. --force bumps ForceUpdate: every task becomes ' +
          'dirty, here replaced one at a time stop-first (2 replicas at the lowest). On a real swarm the docker ' +
          'client pins the tag’s digest when it can reach the registry: a re-pushed tag then changes the spec; this ' +
          'simulator does not model digests.',
      },
      sources: [
        'swarmkit manager/orchestrator/task.go (IsTaskDirty)',
        'docker/cli cli/command/service/update.go (--force: ForceUpdate++; image digest resolution)',
      ],
    },
  },
  {
    id: 'trap-host-port-start-first',
    scenarioFile: '../drills/misconceptions/host-port-start-first.yaml',
    scenarioYaml: hostPort.text,
    scenario: hostPort.scenario,
    setupSteps: 3,
    text: {
      fr:
        'Un nœud, une réplique publiée en mode host : --publish mode=host,published=8080,target=80. On lance « ' +
        'docker service update --update-order start-first --image app:v2 web », puis on attend 30 s. Prédisez ce que ' +
        'fait Swarm.',
      en:
        'One node, one replica published in host mode: --publish mode=host,published=8080,target=80. We run ' +
        '“docker service update --update-order start-first --image app:v2 web”, then wait 30 s. Predict what Swarm ' +
        'does.',
    },
    commands: [],
    goal: GOAL,
    check: watchedPast(2),
    hints: [
      { fr: 'Un port en mode host est pris sur le nœud même.', en: 'A host-mode port is taken on the node itself.' },
    ],
    differs: [],
    drill: {
      phases: [2],
      questions: [
        {
          id: 'status',
          kind: 'status',
          service: 'web',
          phase: 0,
          prompt: { fr: 'UpdateStatus de web ?', en: 'web’s UpdateStatus?' },
          choices: STATUS_CHOICES,
        },
        {
          id: 'lowest',
          kind: 'lowest',
          service: 'web',
          phase: 0,
          prompt: { fr: 'Répliques qui servent au plus bas ?', en: 'Replicas serving at the lowest?' },
          choices: plainChoices('0', '1'),
        },
        {
          id: 'image',
          kind: 'runningImage',
          service: 'web',
          phase: 0,
          prompt: { fr: 'Quelle image tourne ?', en: 'Which image runs?' },
          choices: [...plainChoices('app:v1', 'app:v2'), MIXED],
        },
      ],
      rule: {
        fr:
          'En start-first, la nouvelle tâche doit démarrer pendant que l’ancienne tient encore le port 8080 du ' +
          'nœud. Le planificateur ne trouve aucun nœud : la tâche reste « pending » avec « no suitable node ' +
          '(host-mode port already in use on 1 node) ». Le updater attend qu’elle tourne : la mise à jour reste « ' +
          'updating » indéfiniment, l’ancienne tâche app:v1 continue de servir. Utilisez stop-first (ou le mode ' +
          'ingress) avec un port en mode host.',
        en:
          'With start-first the new task must start while the old one still holds port 8080 on the node. The ' +
          'scheduler finds no node: the task stays “pending” with “no suitable node (host-mode port already in use ' +
          'on 1 node)”. The updater waits for it to run: the update stays “updating” forever, the old app:v1 task ' +
          'keeps serving. Use stop-first (or ingress mode) with a host-mode port.',
      },
      sources: [
        'swarmkit manager/scheduler/filter.go (HostPortFilter: "host-mode port already in use on 1 node")',
        'docker docs: engine/swarm/services (Publish a service’s ports directly on the swarm node, mode=host)',
      ],
    },
  },
  {
    id: 'trap-stack-not-transaction',
    scenarioFile: '../drills/misconceptions/stack-not-transaction.yaml',
    scenarioYaml: stack.text,
    scenario: stack.scenario,
    setupSteps: 2,
    text: {
      fr:
        'La stack shop (api:1 et web:1, failure_action: rollback pour les deux) est redéployée avec v2.yml : api:2 ' +
        'plante après 2 s, web:2 est saine. « Si un service échoue, toute la stack revient en arrière » : prédisez.',
      en:
        'Stack shop (api:1 and web:1, failure_action: rollback for both) is deployed again with v2.yml: api:2 ' +
        'crashes after 2 s, web:2 is fine. “If one service fails, the whole stack rolls back”: predict.',
    },
    commands: ['docker service ls', 'docker stack ps shop'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'docker stack deploy met à jour chaque service l’un après l’autre.',
        en: 'docker stack deploy updates each service one after the other.',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [
        {
          id: 'api-image',
          kind: 'image',
          service: 'shop_api',
          phase: 0,
          prompt: { fr: 'Image de shop_api à la fin ?', en: 'shop_api’s image at the end?' },
          choices: [...plainChoices('api:1', 'api:2'), MIXED],
        },
        {
          id: 'web-image',
          kind: 'image',
          service: 'shop_web',
          phase: 0,
          prompt: { fr: 'Image de shop_web à la fin ?', en: 'shop_web’s image at the end?' },
          choices: [...plainChoices('web:1', 'web:2'), MIXED],
        },
        {
          id: 'web-status',
          kind: 'status',
          service: 'shop_web',
          phase: 0,
          prompt: { fr: 'UpdateStatus de shop_web ?', en: 'shop_web’s UpdateStatus?' },
          choices: STATUS_CHOICES,
        },
      ],
      rule: {
        fr:
          'docker stack deploy envoie une mise à jour par service, l’un après l’autre ; chaque service a son ' +
          'propre updater et sa propre action d’échec. shop_api revient seul à api:1 (rollback_completed) ; shop_web ' +
          'reste en web:2 (completed). La stack finit dans un mélange qu’aucun fichier ne décrit.',
        en:
          'docker stack deploy sends one update per service, one after the other; each service has its own updater ' +
          'and its own failure action. shop_api rolls back alone to api:1 (rollback_completed); shop_web stays on ' +
          'web:2 (completed). The stack ends in a mix no file describes.',
      },
      sources: [
        'docker/cli cli/command/stack/swarm (deployServices: one ServiceUpdate call per service, one after the other)',
        'swarmkit manager/orchestrator/update/updater.go (one updater per service)',
      ],
    },
  },
];
