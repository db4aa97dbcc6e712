// The errors of the scenario and compose loaders, written once in English and French as keyed templates (the CLI
// prints the English, the page its own language); Docker's own words stay as Docker writes them.
import { ERR_SANDBOX_JOBS, errWaitTooLong } from './messages.js';

export type InputLang = 'en' | 'fr';

/** A parameter: a word, a value as written or a number, as is; or a nested text, rendered in the same language. */
export type InputParam = string | number | InputText;

/** A loader error by its key in INPUT_TEXTS, with the `{name}` parameters its templates use. */
export interface InputText {
  key: InputTextKey;
  params?: Record<string, InputParam>;
}

const BEHAVIOUR_KEYS = 'exit, after, fail_fraction, healthcheck, start, ignores_sigterm, pull, logs';

const EN = {
  // Docker's own message (docker/cli's compose loader and converter, its port and shell parsing): never translated.
  docker: '{message}',
  atPath: '{path}: {message}',
  expected: 'expected {what}, got {got}',
  expectedOnly: 'expected {what}',
  oneOf: 'expected one of {choices}, got {got}',
  oneOfNear: 'expected one of {choices}, got {got} (did you mean "{near}"?)',
  unknownKeyNear: 'unknown key; did you mean "{near}"?',
  unknownKey: 'unknown key; expected one of {choices}',
  'got.nothing': 'nothing',
  'got.mapping': 'a mapping',
  'got.list': 'a list',
  // YAML
  'yaml.invalid': 'invalid YAML: {detail}',
  'yaml.tooDeep':
    'invalid YAML: lists or mappings nested too deeply (more than a few hundred levels inside each other)',
  'yaml.duplicateKey': '{key}: duplicate key',
  'yaml.emptyKeyTwice': 'an empty key (nothing before ":") appears twice',
  'yaml.plainKeys': 'keys must be plain strings',
  'yaml.mergeSelf': 'a mapping cannot merge (<<) itself',
  'duration.expected': 'expected a Go duration such as 500ms, 1.5s or 2m{orElse}, got {got}{unit}',
  'duration.orElse': ' (or {alternative})',
  'duration.unit': ' (a Go duration needs a unit)',
  'duration.negative': 'a duration cannot be negative, got {got}',
  'duration.positive': 'must be longer than 0, got {got}',
  // scenario files
  'scenario.empty': 'the scenario file is empty (it needs at least steps:)',
  'scenario.noSteps': 'missing: a scenario needs a list of steps',
  'scenario.oneStep': 'a scenario needs at least one step',
  'scenario.composeNeedsFile':
    'compose files on disk can only be read when the scenario is loaded from a file; inline it under files:',
  'scenario.cannotRead': 'cannot read {file}: {reason}',
  'choices.noFromStep': 'missing from_step: (the step the choices start at)',
  'choices.pastLastStep': 'past the last step (the scenario has {steps})',
  'choices.maxNeedsFaults': 'max_faults needs faults: (the kinds injected)',
  'step.emptyCommand': 'a command cannot be empty',
  'step.oneCommand': 'one step holds one command: end a line with \\ to continue it, or start a new step',
  'step.notAStep': 'a step is a command (a string) or {wait: ..., service: ...}',
  'step.badWait': 'expected "wait: converged [SERVICE]", "wait: settled" or "wait: DURATION", got {got}',
  'step.waitTooLong': `wait: ${errWaitTooLong('{duration}', '{limit}')}`,
  'wait.tooLong': errWaitTooLong('{duration}', '{limit}'),
  'wait.onlyConverged': 'only applies to wait: converged',
  'violation.missing': 'missing {key}:',
  // cluster: and images:
  'cluster.tooManyNodes': 'at most {max} nodes, got {count}',
  'cluster.noNode': 'a swarm needs at least one node',
  'cluster.emptyNodeName': 'a node name cannot be empty',
  'cluster.twoNodesNamed': 'two nodes are named "{name}"',
  'cluster.noManager': 'a swarm needs at least one manager node',
  'range.minAndMax': 'a range needs both min and max',
  'range.maxBelowMin': 'max must not be below min',
  'image.badReference': 'an image reference cannot be empty or contain spaces',
  'image.nestedOneOf': 'one_of cannot be nested: list every behaviour in the outer one_of',
  'image.besideOneOf': 'cannot be set beside one_of: write it into each behaviour of the list',
  'image.exitCodeRange': 'an exit code is 0 to 255, got {code}',
  'image.needsExit': '{key} needs an exit code (exit: N) to say how the container ends',
  'image.noBehaviour': 'expected at least one behaviour ({words}, or a mapping)',
  'image.badOneOfItem': `expected {words} or a mapping ({${BEHAVIOUR_KEYS}}), got {got}`,
  // compose files
  'compose.serviceName': 'a service name may only hold letters, digits, ".", "_" and "-"',
  'compose.needsImage': 'a service needs an image (docker stack deploy does not build images)',
  'compose.jobs': ERR_SANDBOX_JOBS.replace(/^swarmlab: /, ''),
  'compose.portTarget': 'a port mapping needs a target (the container port)',
  // what a value was expected to be (the {what} of expected)
  'what.mapping': 'a mapping',
  'what.list': 'a list',
  'what.string': 'a string',
  'what.integer': 'an integer',
  'what.number': 'a number',
  'what.boolean': 'true or false',
  'what.stringList': 'a list of strings',
  'what.mergeSource': 'a mapping to merge (<<)',
  'what.scenario': 'a scenario (a mapping with steps:)',
  'what.choices': 'a mapping with from_step: and picks:',
  'what.stepNumber': 'a step number (1 or more)',
  'what.optionNumbers': 'a list of option numbers',
  'what.optionNumber': 'an option number (0 or more)',
  'what.faultKinds': 'a list of {kinds}',
  'what.faultCount': 'a fault count (1 or more)',
  'what.seed': 'an integer seed',
  'what.inlineFiles': 'a mapping of file name → compose text',
  'what.composeText': 'the text of a compose file (use a | block)',
  'what.composePath': 'a compose file path (relative to this scenario)',
  'what.steps': 'a list of steps',
  'what.step': 'a command, or a wait: step',
  'what.waitTarget': 'converged, settled or a Go duration such as 30s',
  'what.serviceName': 'a service name',
  'what.updateMessage': 'a message (* matches any text, such as a task ID)',
  'what.runningImages': 'a mapping of image → number of running tasks',
  'what.runningTasks': 'a number of running tasks (0 or more)',
  'what.taskHistory': 'an integer (negative: keep every task)',
  'what.nodeCountOrList': 'a node count (1 or more) or a list of nodes',
  'what.nodeList': 'a node count or a list of nodes',
  'what.node': 'a node ({name, role, availability, labels})',
  'what.hostName': 'a host name',
  'what.span': 'a Go duration or {min, max}',
  'what.images': 'a mapping of image → behaviour',
  'what.behaviour': `a mapping ({${BEHAVIOUR_KEYS}})`,
  'what.topBehaviour': `a mapping ({${BEHAVIOUR_KEYS}, one_of})`,
  'what.behaviours': 'a list of behaviours ({words}, or a mapping)',
  'what.exitCode': 'an integer exit code',
  'what.fraction': 'a fraction of the containers (0 to 1)',
  'what.logLines': 'a list of log lines',
  'what.imageHealthcheck': 'a mapping ({interval, timeout, retries, start_period, healthy_after})',
  'what.retries1': 'a retry count (1 or more)',
  'what.retries0': 'a retry count (0 or more)',
  'what.violation': 'a mapping with property:, found:, service: and observed:',
  'what.observed': 'a mapping of {keys}',
  'what.figure': 'a whole number (0 or more) or null',
  'what.updateStatus': 'an update status, unfinished or none',
  'what.service': 'a service definition (a mapping)',
  'what.image': 'an image reference',
  'what.mode': 'a mode (replicated or global)',
  'what.replicas': 'a replica count (0 or more)',
  'what.parallelism': 'a parallelism (0 or more; 0 = all at once)',
  'what.failureAction': 'a failure action (pause, continue or rollback)',
  'what.failureRatio': 'a failure ratio (0 to 1)',
  'what.condition': 'a condition (none, on-failure or any)',
  'what.attempts': 'a number of attempts (0 or more)',
  'what.restart': 'a restart policy (no, always, on-failure[:N], unless-stopped)',
  'what.healthTest': 'a command (a string, or a list such as ["CMD", "curl", "-f", "http://localhost"])',
  'what.constraints': 'a list of constraints such as node.role==manager',
  'what.maxReplicas': 'a number of replicas (0 or more)',
  'what.preferences': 'a list of preferences',
  'what.endpointMode': 'an endpoint mode (vip or dnsrr)',
  'what.labels': 'a mapping or a list of key=value',
  'what.environment': 'a mapping or a list of KEY=value',
  'what.keyValue': 'a KEY=value string',
  'what.command': 'a command (a string or a list)',
  'what.ports': 'a list of ports',
  'what.port': 'a port ("8080:80") or a mapping with target',
  'what.portNumber': 'a port number',
  'what.portRange': 'a port number (1-65535)',
  'what.protocol': 'tcp, udp or sctp',
  'what.publishMode': 'host or ingress',
};

export type InputTextKey = keyof typeof EN;

const FR: Record<InputTextKey, string> = {
  docker: '{message}',
  atPath: '{path} : {message}',
  expected: 'attendu {what}, reçu {got}',
  expectedOnly: 'attendu {what}',
  oneOf: 'attendu l’une des valeurs {choices}, reçu {got}',
  oneOfNear: 'attendu l’une des valeurs {choices}, reçu {got} (vouliez-vous dire « {near} » ?)',
  unknownKeyNear: 'clé inconnue ; vouliez-vous dire « {near} » ?',
  unknownKey: 'clé inconnue ; attendu l’une des clés {choices}',
  'got.nothing': 'rien',
  'got.mapping': 'un mapping',
  'got.list': 'une liste',
  'yaml.invalid': 'YAML invalide : {detail}',
  'yaml.tooDeep':
    'YAML invalide : listes ou mappings imbriqués trop profondément (plus de quelques centaines de niveaux les uns ' +
    'dans les autres)',
  'yaml.duplicateKey': '{key} : clé en double',
  'yaml.emptyKeyTwice': 'une clé vide (rien avant « : ») apparaît deux fois',
  'yaml.plainKeys': 'les clés doivent être de simples chaînes',
  'yaml.mergeSelf': 'un mapping ne peut pas se fusionner (<<) lui-même',
  'duration.expected': 'attendu une durée Go comme 500ms, 1.5s ou 2m{orElse}, reçu {got}{unit}',
  'duration.orElse': ' (ou {alternative})',
  'duration.unit': ' (une durée Go a besoin d’une unité)',
  'duration.negative': 'une durée ne peut pas être négative, reçu {got}',
  'duration.positive': 'doit être plus longue que 0, reçu {got}',
  'scenario.empty': 'le fichier de scénario est vide (il lui faut au moins steps:)',
  'scenario.noSteps': 'manquant : un scénario a besoin d’une liste d’étapes (steps:)',
  'scenario.oneStep': 'un scénario a besoin d’au moins une étape',
  'scenario.composeNeedsFile':
    'les fichiers compose sur disque ne se lisent que si le scénario est chargé depuis un fichier ; mettez-le sous ' +
    'files:',
  'scenario.cannotRead': 'impossible de lire {file} : {reason}',
  'choices.noFromStep': 'from_step: manquant (l’étape où les choix commencent)',
  'choices.pastLastStep': 'après la dernière étape (le scénario en a {steps})',
  'choices.maxNeedsFaults': 'max_faults a besoin de faults: (les types de pannes injectées)',
  'step.emptyCommand': 'une commande ne peut pas être vide',
  'step.oneCommand':
    'une étape contient une seule commande : terminez une ligne par \\ pour la continuer, ou commencez une nouvelle ' +
    'étape',
  'step.notAStep': 'une étape est une commande (une chaîne) ou {wait: ..., service: ...}',
  'step.badWait': 'attendu « wait: converged [SERVICE] », « wait: settled » ou « wait: DURÉE », reçu {got}',
  'step.waitTooLong': 'wait: {duration} dépasse la limite de {limit} de temps virtuel',
  'wait.tooLong': '{duration} dépasse la limite de {limit} de temps virtuel',
  'wait.onlyConverged': 'ne s’applique qu’à wait: converged',
  'violation.missing': '{key}: manquant',
  'cluster.tooManyNodes': 'au plus {max} nœuds, reçu {count}',
  'cluster.noNode': 'un swarm a besoin d’au moins un nœud',
  'cluster.emptyNodeName': 'un nom de nœud ne peut pas être vide',
  'cluster.twoNodesNamed': 'deux nœuds s’appellent « {name} »',
  'cluster.noManager': 'un swarm a besoin d’au moins un nœud manager',
  'range.minAndMax': 'un intervalle a besoin de min et de max',
  'range.maxBelowMin': 'max ne doit pas être inférieur à min',
  'image.badReference': 'une référence d’image ne peut pas être vide ni contenir d’espaces',
  'image.nestedOneOf': 'one_of ne peut pas être imbriqué : listez chaque comportement dans le one_of extérieur',
  'image.besideOneOf': 'ne peut pas être donné à côté de one_of : écrivez-le dans chaque comportement de la liste',
  'image.exitCodeRange': 'un code de sortie va de 0 à 255, reçu {code}',
  'image.needsExit': '{key} a besoin d’un code de sortie (exit: N) pour dire comment le conteneur se termine',
  'image.noBehaviour': 'attendu au moins un comportement ({words}, ou un mapping)',
  'image.badOneOfItem': `attendu {words} ou un mapping ({${BEHAVIOUR_KEYS}}), reçu {got}`,
  'compose.serviceName': 'un nom de service ne peut contenir que des lettres, des chiffres, « . », « _ » et « - »',
  'compose.needsImage': 'un service a besoin d’une image (docker stack deploy ne construit pas d’images)',
  'compose.jobs': 'les services job (replicated-job, global-job) ne sont pas simulés',
  'compose.portTarget': 'un port publié a besoin d’une cible, target (le port du conteneur)',
  'what.mapping': 'un mapping',
  'what.list': 'une liste',
  'what.string': 'une chaîne',
  'what.integer': 'un entier',
  'what.number': 'un nombre',
  'what.boolean': 'true ou false',
  'what.stringList': 'une liste de chaînes',
  'what.mergeSource': 'un mapping à fusionner (<<)',
  'what.scenario': 'un scénario (un mapping avec steps:)',
  'what.choices': 'un mapping avec from_step: et picks:',
  'what.stepNumber': 'un numéro d’étape (1 ou plus)',
  'what.optionNumbers': 'une liste de numéros d’option',
  'what.optionNumber': 'un numéro d’option (0 ou plus)',
  'what.faultKinds': 'une liste parmi {kinds}',
  'what.faultCount': 'un nombre de pannes (1 ou plus)',
  'what.seed': 'une graine entière',
  'what.inlineFiles': 'un mapping nom de fichier → texte compose',
  'what.composeText': 'le texte d’un fichier compose (utilisez un bloc |)',
  'what.composePath': 'un chemin de fichier compose (relatif à ce scénario)',
  'what.steps': 'une liste d’étapes',
  'what.step': 'une commande, ou une étape wait:',
  'what.waitTarget': 'converged, settled ou une durée Go comme 30s',
  'what.serviceName': 'un nom de service',
  'what.updateMessage': 'un message (* correspond à n’importe quel texte, comme un ID de tâche)',
  'what.runningImages': 'un mapping image → nombre de tâches en cours',
  'what.runningTasks': 'un nombre de tâches en cours (0 ou plus)',
  'what.taskHistory': 'un entier (négatif : garder toutes les tâches)',
  'what.nodeCountOrList': 'un nombre de nœuds (1 ou plus) ou une liste de nœuds',
  'what.nodeList': 'un nombre de nœuds ou une liste de nœuds',
  'what.node': 'un nœud ({name, role, availability, labels})',
  'what.hostName': 'un nom d’hôte',
  'what.span': 'une durée Go ou {min, max}',
  'what.images': 'un mapping image → comportement',
  'what.behaviour': `un mapping ({${BEHAVIOUR_KEYS}})`,
  'what.topBehaviour': `un mapping ({${BEHAVIOUR_KEYS}, one_of})`,
  'what.behaviours': 'une liste de comportements ({words}, ou un mapping)',
  'what.exitCode': 'un code de sortie entier',
  'what.fraction': 'une fraction des conteneurs (de 0 à 1)',
  'what.logLines': 'une liste de lignes de log',
  'what.imageHealthcheck': 'un mapping ({interval, timeout, retries, start_period, healthy_after})',
  'what.retries1': 'un nombre d’essais (1 ou plus)',
  'what.retries0': 'un nombre d’essais (0 ou plus)',
  'what.violation': 'un mapping avec property:, found:, service: et observed:',
  'what.observed': 'un mapping de {keys}',
  'what.figure': 'un nombre entier (0 ou plus) ou null',
  'what.updateStatus': 'un état de mise à jour, unfinished ou none',
  'what.service': 'une définition de service (un mapping)',
  'what.image': 'une référence d’image',
  'what.mode': 'un mode (replicated ou global)',
  'what.replicas': 'un nombre de répliques (0 ou plus)',
  'what.parallelism': 'un parallélisme (0 ou plus ; 0 = tout à la fois)',
  'what.failureAction': 'une action en cas d’échec (pause, continue ou rollback)',
  'what.failureRatio': 'un taux d’échec (de 0 à 1)',
  'what.condition': 'une condition (none, on-failure ou any)',
  'what.attempts': 'un nombre de tentatives (0 ou plus)',
  'what.restart': 'une politique de redémarrage (no, always, on-failure[:N], unless-stopped)',
  'what.healthTest': 'une commande (une chaîne, ou une liste comme ["CMD", "curl", "-f", "http://localhost"])',
  'what.constraints': 'une liste de contraintes comme node.role==manager',
  'what.maxReplicas': 'un nombre de répliques (0 ou plus)',
  'what.preferences': 'une liste de préférences',
  'what.endpointMode': 'un mode d’endpoint (vip ou dnsrr)',
  'what.labels': 'un mapping ou une liste de clé=valeur',
  'what.environment': 'un mapping ou une liste de CLÉ=valeur',
  'what.keyValue': 'une chaîne CLÉ=valeur',
  'what.command': 'une commande (une chaîne ou une liste)',
  'what.ports': 'une liste de ports',
  'what.port': 'un port ("8080:80") ou un mapping avec target',
  'what.portNumber': 'un numéro de port',
  'what.portRange': 'un numéro de port (1-65535)',
  'what.protocol': 'tcp, udp ou sctp',
  'what.publishMode': 'host ou ingress',
};

/** Every template, by language. */
export const INPUT_TEXTS: Record<InputLang, Record<InputTextKey, string>> = { en: EN, fr: FR };

/** A short-hand for a text: `inputText('expected', { what: inputText('what.list'), got: '3' })`. */
export function inputText(key: InputTextKey, params?: Record<string, InputParam>): InputText {
  return params ? { key, params } : { key };
}

/** Docker's own words (a message docker/cli prints), the same in both languages. */
export const dockerText = (message: string): InputText => inputText('docker', { message });

/** What a value was expected to be: `what('list')` is `a list` / `une liste`. */
export type WhatKey = Extract<InputTextKey, `what.${string}`> extends `what.${infer K}` ? K : never;
export const what = (key: WhatKey, params?: Record<string, InputParam>): InputText =>
  inputText(`what.${key}` as InputTextKey, params);

/** The text in `lang`, its `{name}` parameters filled (a missing parameter is left as written, so a test sees it). */
export function renderInput(text: InputText, lang: InputLang = 'en'): string {
  return INPUT_TEXTS[lang][text.key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = text.params?.[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? renderInput(value, lang) : String(value);
  });
}
