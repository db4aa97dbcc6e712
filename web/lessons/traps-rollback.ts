// Misconception drills about rollbacks: --rollback with other flags, one step back only, RollbackConfig, and the paused
// update.
import paused from '../../scenarios/drills/misconceptions/paused.yaml?scenario';
import rollbackConfig from '../../scenarios/drills/misconceptions/rollback-config.yaml?scenario';
import rollbackFlags from '../../scenarios/drills/misconceptions/rollback-flags.yaml?scenario';
import rollbackOneStep from '../../scenarios/drills/misconceptions/rollback-one-step.yaml?scenario';
import type { TrapLesson } from './lesson.js';
import { watchedPast } from './trap-grading.js';
import { type Choice, MIXED, plainChoices, REFUSED_CHOICES, STATUS_CHOICES, type Text } from './trap-types.js';

const UPDATER = 'swarmkit manager/orchestrator/update/updater.go';
const GOAL: Text = {
  fr: 'Prédire, regarder le scénario, puis lire la correction.',
  en: 'Predict, watch the scenario, then read the correction.',
};
const status = (id: string, phase: number, prompt: Text) => ({
  id,
  kind: 'status' as const,
  service: 'web',
  phase,
  prompt,
  choices: STATUS_CHOICES,
});
const image = (id: string, phase: number, prompt: Text, choices: Choice[]) => ({
  id,
  kind: 'image' as const,
  service: 'web',
  phase,
  prompt,
  choices,
});
const refused = (prompt: Text) => ({
  id: 'refused',
  kind: 'refused' as const,
  service: 'web',
  phase: 0,
  prompt,
  choices: REFUSED_CHOICES,
});

export const ROLLBACK_TRAPS: TrapLesson[] = [
  {
    id: 'trap-rollback-flags',
    scenarioFile: '../drills/misconceptions/rollback-flags.yaml',
    scenarioYaml: rollbackFlags.text,
    scenario: rollbackFlags.scenario,
    setupSteps: 2,
    text: {
      fr:
        'web tourne en app:v1. On tape « docker service update -d --rollback --image app:v2 web », en espérant un ' +
        'retour arrière suivi d’une mise à jour (c’est la forme qu’utilise le cours). Prédisez ce que fait Docker.',
      en:
        'web runs app:v1. We type “docker service update -d --rollback --image app:v2 web”, hoping for a rollback ' +
        'followed by an update (the form the course uses). Predict what Docker does.',
    },
    commands: ['docker service update -d --image app:v2 web', 'docker service rollback web'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'Le refus vient du client docker, avant tout appel au démon.',
        en: 'The refusal comes from the docker client, before any call to the daemon.',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [
        refused({ fr: 'La commande est-elle acceptée ?', en: 'Is the command accepted?' }),
        status('status', 0, { fr: 'UpdateStatus de web ensuite ?', en: 'web’s UpdateStatus afterwards?' }),
        image('image', 0, { fr: 'Quelle image tourne à la fin ?', en: 'Which image runs at the end?' }, [
          ...plainChoices('app:v1', 'app:v2'),
          MIXED,
        ]),
      ],
      rule: {
        fr:
          '--rollback ne se combine avec aucune autre option de mise à jour : le client docker refuse (« other ' +
          'flags may not be combined with --rollback », code 1) sans rien envoyer. Rien ne change : pas ' +
          'd’UpdateStatus, app:v1 continue. Faites deux commandes : docker service rollback web, puis docker service ' +
          'update --image … web.',
        en:
          '--rollback combines with no other update flag: the docker client refuses (“other flags may not be ' +
          'combined with --rollback”, exit 1) and sends nothing. Nothing changes: no UpdateStatus, app:v1 keeps ' +
          'running. Use two commands: docker service rollback web, then docker service update --image … web.',
      },
      sources: [
        'docker/cli cli/command/service/update.go (runUpdate: "other flags may not be combined with --rollback")',
      ],
    },
  },
  {
    id: 'trap-rollback-one-step',
    scenarioFile: '../drills/misconceptions/rollback-one-step.yaml',
    scenarioYaml: rollbackOneStep.text,
    scenario: rollbackOneStep.scenario,
    setupSteps: 2,
    text: {
      fr:
        'web vient d’être créé en app:v1. On tape docker service rollback web ; puis on met à jour vers app:v2 ; ' +
        'puis on fait deux retours arrière d’affilée. Prédisez chaque étape.',
      en:
        'web was just created with app:v1. We type docker service rollback web; then update to app:v2; then roll ' +
        'back twice in a row. Predict each step.',
    },
    commands: ['docker service inspect --pretty web'],
    goal: GOAL,
    check: watchedPast(4),
    hints: [{ fr: 'Un service garde une seule PreviousSpec.', en: 'A service keeps a single PreviousSpec.' }],
    differs: [],
    drill: {
      phases: [1, 2, 3, 4],
      questions: [
        refused({
          fr: 'Le rollback juste après le create est-il accepté ?',
          en: 'Is the rollback right after the create accepted?',
        }),
        image(
          'image-first',
          2,
          {
            fr: 'Après le premier rollback (depuis app:v2), quelle image ?',
            en: 'After the first rollback (from app:v2), which image?',
          },
          [...plainChoices('app:v1', 'app:v2'), MIXED],
        ),
        image(
          'image-second',
          3,
          { fr: 'Après le second rollback, quelle image ?', en: 'After the second rollback, which image?' },
          [...plainChoices('app:v1', 'app:v2'), MIXED],
        ),
        status('status', 3, { fr: 'UpdateStatus final ?', en: 'Final UpdateStatus?' }),
      ],
      rule: {
        fr:
          'Un service ne garde qu’une spec précédente (PreviousSpec). Juste après la création il n’y en a pas : « ' +
          'service … does not have a previous spec » (FailedPrecondition). Un rollback échange Spec et PreviousSpec ' +
          ': le premier ramène app:v1, le second revient à app:v2, pas plus loin en arrière. (Après un rollback ' +
          'automatique, PreviousSpec est vidée.)',
        en:
          'A service keeps one previous spec (PreviousSpec). Right after the create there is none: “service … does ' +
          'not have a previous spec” (FailedPrecondition). A rollback swaps Spec and PreviousSpec: the first brings ' +
          'back app:v1, the second returns to app:v2, never further back. (After an automatic rollback PreviousSpec ' +
          'is cleared.)',
      },
      sources: [
        'swarmkit manager/controlapi/service.go (UpdateService with Rollback: PREVIOUS)',
        'docker docs: reference/cli/docker/service/rollback',
      ],
    },
  },
  {
    id: 'trap-rollback-config',
    scenarioFile: '../drills/misconceptions/rollback-config.yaml',
    scenarioYaml: rollbackConfig.text,
    scenario: rollbackConfig.scenario,
    setupSteps: 2,
    text: {
      fr:
        '6 répliques. On met à jour 3 par 3 (--update-parallelism 3) vers app:bad, qui plante après 3 s, avec ' +
        '--update-failure-action rollback. Le retour arrière ira-t-il aussi 3 par 3 ? Prédisez.',
      en:
        '6 replicas. We update 3 at a time (--update-parallelism 3) to app:bad, which crashes after 3 s, with ' +
        '--update-failure-action rollback. Will the rollback also go 3 at a time? Predict.',
    },
    commands: ['docker service update --rollback-parallelism 3 web'],
    goal: GOAL,
    check: watchedPast(1),
    hints: [
      {
        fr: 'docker service inspect --pretty montre deux blocs : UpdateConfig et RollbackConfig.',
        en: 'docker service inspect --pretty shows two blocks: UpdateConfig and RollbackConfig.',
      },
    ],
    differs: [],
    drill: {
      phases: [1],
      questions: [
        {
          id: 'rollback-peak',
          kind: 'rollbackPeak',
          service: 'web',
          phase: 0,
          prompt: {
            fr: 'Combien de slots le rollback remplace-t-il à la fois ?',
            en: 'How many slots does the rollback replace at once?',
          },
          choices: plainChoices('1', '3', '6'),
        },
        {
          id: 'lowest',
          kind: 'lowest',
          service: 'web',
          phase: 0,
          prompt: { fr: 'Combien de répliques servent au plus bas ?', en: 'How many replicas serve at the lowest?' },
          choices: plainChoices('0', '3', '5', '6'),
        },
        status('status', 0, { fr: 'UpdateStatus final ?', en: 'Final UpdateStatus?' }),
      ],
      rule: {
        fr:
          'Un rollback est piloté par RollbackConfig (--rollback-parallelism, --rollback-delay, ' +
          '--rollback-monitor, --rollback-failure-action, --rollback-order), pas par UpdateConfig. Ses défauts : ' +
          'parallélisme 1, délai 0, surveillance 5 s, action pause, stop-first. La mise à jour retire 3 répliques à ' +
          'la fois (3 servent au plus bas) ; le retour arrière les remet une par une.',
        en:
          'A rollback is driven by RollbackConfig (--rollback-parallelism, --rollback-delay, --rollback-monitor, ' +
          '--rollback-failure-action, --rollback-order), not by UpdateConfig. Its defaults: parallelism 1, delay 0, ' +
          'monitor 5 s, action pause, stop-first. The update takes 3 replicas down at once (3 serve at the lowest); ' +
          'the rollback puts them back one by one.',
      },
      sources: [
        `${UPDATER} (the rollback uses service.Spec.Rollback)`,
        'swarmkit api/defaults/service.go (Rollback defaults)',
      ],
    },
  },
  {
    id: 'trap-paused',
    scenarioFile: '../drills/misconceptions/paused.yaml',
    scenarioYaml: paused.text,
    scenario: paused.scenario,
    setupSteps: 2,
    text: {
      fr:
        'Mise à jour vers app:bad (plante 2 s après son démarrage), action d’échec par défaut. Swarm affichera « ' +
        'update paused due to failure or early termination of task … ». Que tourne-t-il alors ? Ensuite on relance ' +
        'une mise à jour vers app:v2 corrigée. Prédisez.',
      en:
        'Update to app:bad (crashes 2 s after it starts), default failure action. Swarm will print “update paused ' +
        'due to failure or early termination of task …”. What runs then? Next we run a new update to a fixed app:v2. ' +
        'Predict.',
    },
    commands: ['docker service rollback web', 'docker service update --image app:v2 web'],
    goal: GOAL,
    check: watchedPast(3),
    hints: [
      {
        fr: 'Le updater passe au slot suivant dès que la nouvelle tâche tourne.',
        en: 'The updater moves to the next slot as soon as the new task runs.',
      },
    ],
    differs: [],
    drill: {
      phases: [1, 3],
      questions: [
        status('status-paused', 0, {
          fr: 'UpdateStatus après la mise à jour vers app:bad ?',
          en: 'UpdateStatus after the update to app:bad?',
        }),
        image(
          'image-paused',
          0,
          { fr: 'Quelle image les tâches exécutent-elles alors ?', en: 'Which image do the tasks run then?' },
          [...plainChoices('app:v1', 'app:bad'), MIXED],
        ),
        status('status', 1, {
          fr: 'UpdateStatus après la mise à jour vers app:v2 ?',
          en: 'UpdateStatus after the update to app:v2?',
        }),
      ],
      rule: {
        fr:
          'Avec --update-failure-action pause (défaut), le updater s’arrête au premier échec compté et attend : ' +
          'rien ne reprend tout seul. Il avait déjà avancé, car il passe au slot suivant dès que la tâche tourne : ' +
          'ici les trois slots tournent app:bad en boucle de redémarrage. Deux sorties : docker service rollback web ' +
          '(retour à la spec précédente), ou une nouvelle docker service update avec une spec différente (image ' +
          'corrigée), qui lance une nouvelle mise à jour.',
        en:
          'With --update-failure-action pause (the default) the updater stops at the first counted failure and ' +
          'waits: nothing resumes on its own. It had already moved on, since it goes to the next slot as soon as a ' +
          'task runs: here all three slots run app:bad in a restart loop. Two ways out: docker service rollback web ' +
          '(back to the previous spec), or a new docker service update with a different spec (a fixed image), which ' +
          'starts a new update.',
      },
      sources: [
        `${UPDATER} (pauseUpdate: "update paused due to failure or early termination of task")`,
        'docker docs: reference/cli/docker/service/update (--update-failure-action)',
      ],
    },
  },
];
