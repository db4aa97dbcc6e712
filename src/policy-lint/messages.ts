// The texts of `swarmlab lint`, written once in English and French: rule titles, whys, proof figures (the CLI prints
// English).
export type LintLang = 'en' | 'fr';

/** A parameter: a word or number as is, a duration (formatted `7.6 s` / `7,6 s`), or a nested text. */
export type LintParam = string | number | { ms: number } | LintText;

/** A text by its key in LINT_TEXTS, with the `{name}` parameters its templates use. */
export interface LintText {
  key: LintTextKey;
  params?: Record<string, LintParam>;
}

const EN = {
  'title.monitor-shorter-than-failure': 'the update monitor closes before a failure of the new tasks can be seen',
  'title.single-replica-stop-first': 'one replica updated stop-first: the service is down during every update',
  'title.failure-action-never-fires':
    'max_failure_ratio is so high that the failure action (pause or rollback) can never fire',
  'title.start-first-host-port':
    'start-first with a host-mode published port: the new task cannot start where the old one holds the port',
  'title.delay-not-shorter-than-monitor':
    'update delay ≥ monitor: failures during the rest of the delay are not counted, except in the last slot',
  'title.rollback-slower-than-update':
    'the rollback config (parallelism, delay) makes undoing an update slower than the update itself',
  'title.no-healthcheck-monitor-zero':
    'monitor 0 without a healthcheck: Swarm monitors its default 5 s, and a task counts as up once its process starts',
  'title.image-without-digest': 'an image named by :latest (or no tag) with no digest',
  outcome: 'UpdateStatus became {state} ("{message}") {after} after the update began',
  unfinished: 'the update had not finished when the run ended',
  completedDespiteFailures:
    'the first updated task failed {afterRunning} after it ran, after the {monitor} monitor: {outcome}, with ' +
    '{failed} of {total} updated tasks failed',
  'monitorShort.crash':
    '{image} exits {exitAfter} after it starts, after the {monitor} monitor: Swarm counts a failure only within the ' +
    'monitor after a task runs, so the update goes on over crashing tasks',
  'monitorShort.health':
    'the healthcheck needs {retries} failed probes {interval} apart ({detect}) to mark a running task unhealthy, ' +
    'longer than the {monitor} monitor: a new task that turns unhealthy after it ran is never counted as an update ' +
    'failure',
  'monitorShort.healthFigure':
    'simulated with a new image that passes its first probe and ends {detect} later, when the probes would mark it ' +
    'unhealthy: {figure}',
  'neverFires.why':
    'max_failure_ratio {ratio} with {replicas} replicas: failures are counted out of {replicas} and ' +
    '{replicas}/{replicas} = 1 never exceeds {ratio}, so failure_action {action} can never fire',
  'neverFires.figure':
    'with a new image that exits 1 s after it starts, the updater counted {counted} failures within the {monitor} ' +
    'monitor and took no action: {outcome}, with {failed} of {total} updated tasks failed',
  'delayMonitor.why':
    'delay {delay} ≥ monitor {monitor}: a failure counts only within the monitor after a task runs, so a task ' +
    'failing later in the {delay} the updater waits is ignored and the next slot is updated (only the last slot is ' +
    'watched for delay + 1 s)',
  'delayMonitor.counted': 'the updater replaced {before} of {total} slots before it counted a failure',
  'delayMonitor.countedFinal':
    'the updater replaced {before} of {total} slots before it counted a failure (in the final monitor, stretched to ' +
    'delay + 1 s = {finalMonitor})',
  'delayMonitor.notCounted': 'the updater replaced all {total} slots and counted no failure',
  'delayMonitor.figure':
    'with a new image that exits {crash} after it starts, the first updated task failed {after} after it ran, not ' +
    'counted; {counting}: {outcome}',
  'monitorZero.why':
    'monitor 0 does not turn monitoring off or wait for anything: the daemon drops it and Swarm monitors {monitor}, ' +
    'and with no healthcheck a task is up as soon as its process starts, so only an exit in its first {monitor} ' +
    'stops the update',
  'monitorZero.figure': 'with a new image that exits {crash} after it starts, {figure}',
  'singleStopFirst.why':
    'one replica updated stop-first: Swarm stops the only task before its replacement starts, so the service serves ' +
    'nothing during every update (start-first keeps it up)',
  'singleStopFirst.figure':
    'with a healthy new image, no task served for {down} (from {from} to {to} after the update began); {outcome}',
  'hostPort.update': 'update',
  'hostPort.rollback': 'rollback',
  'hostPort.why':
    '{which} order start-first with host-mode port {port}: the new task must start while the old one still holds ' +
    'port {port} on its node, so it cannot be placed there; when no other node is free (always for a global ' +
    'service) it stays pending with "{err}" and the {which} stalls',
  'hostPort.figure': '{after} after the update began a new task stayed pending with "{err}"; {outcome}',
  'hostPort.noProof':
    'no simulated proof: the stall shows in an update, and this rollback order is only used by a rollback; the ' +
    'explanation is swarmkit’s HostPortFilter',
  'slowRollback.config': 'parallelism {parallelism}, delay {delay}',
  'slowRollback.all': 'all',
  'slowRollback.defaults': ' (no rollback_config: Swarm’s defaults)',
  'slowRollback.why':
    'rolling back is slower than the update it undoes: rollback {rollback}{defaults} against update {update}, so a ' +
    'bad release stays longer than it took to roll out',
  'slowRollback.figure':
    'the update of {replicas} replicas took {updateTook}; docker service rollback took {rollbackTook} to undo it',
  'noDigest.noTag': 'no tag (so :latest)',
  'noDigest.why':
    'image {image} has {what} and no digest: the tag moves, so nodes that pull at different times (or when the ' +
    'registry cannot record a digest) run different versions, and rolling back to it may restore nothing; pin a ' +
    'version tag or an @sha256 digest',
  'noDigest.noProof': 'no simulated proof exists: the simulator has no registry, and image digests are not modelled',
};

export type LintTextKey = keyof typeof EN;

const FR: Record<LintTextKey, string> = {
  'title.monitor-shorter-than-failure':
    'la surveillance de la mise à jour se termine avant qu’un échec des nouvelles tâches puisse être vu',
  'title.single-replica-stop-first':
    'une seule réplique mise à jour en stop-first : le service est coupé à chaque mise à jour',
  'title.failure-action-never-fires':
    'max_failure_ratio est si haut que l’action en cas d’échec (pause ou rollback) ne peut jamais se déclencher',
  'title.start-first-host-port':
    'start-first avec un port publié en mode host : la nouvelle tâche ne peut pas démarrer là où l’ancienne tient le ' +
    'port',
  'title.delay-not-shorter-than-monitor':
    'délai de mise à jour ≥ surveillance : les échecs pendant le reste du délai ne sont pas comptés, sauf au dernier ' +
    'créneau',
  'title.rollback-slower-than-update':
    'la config de rollback (parallélisme, délai) rend l’annulation d’une mise à jour plus lente que la mise à jour ' +
    'elle-même',
  'title.no-healthcheck-monitor-zero':
    'monitor 0 sans healthcheck : Swarm surveille ses 5 s par défaut, et une tâche compte comme prête dès que son ' +
    'processus démarre',
  'title.image-without-digest': 'une image nommée par :latest (ou sans tag) sans digest',
  outcome: 'UpdateStatus est passé à {state} (« {message} ») {after} après le début de la mise à jour',
  unfinished: 'la mise à jour n’était pas finie à la fin de l’exécution',
  completedDespiteFailures:
    'la première tâche mise à jour a échoué {afterRunning} après son démarrage, après la surveillance de {monitor} : ' +
    '{outcome}, avec {failed} tâches mises à jour en échec sur {total}',
  'monitorShort.crash':
    '{image} s’arrête {exitAfter} après son démarrage, après la surveillance de {monitor} : Swarm ne compte un échec ' +
    'que pendant la surveillance qui suit le démarrage d’une tâche, donc la mise à jour continue sur des tâches ' +
    'qui plantent',
  'monitorShort.health':
    'le healthcheck demande {retries} sondes en échec à {interval} d’intervalle ({detect}) pour déclarer une tâche ' +
    'en marche unhealthy, plus long que la surveillance de {monitor} : une nouvelle tâche qui devient unhealthy ' +
    'après son démarrage n’est jamais comptée comme un échec de mise à jour',
  'monitorShort.healthFigure':
    'simulé avec une nouvelle image qui passe sa première sonde et s’arrête {detect} plus tard, quand les sondes la ' +
    'déclareraient unhealthy : {figure}',
  'neverFires.why':
    'max_failure_ratio {ratio} avec {replicas} répliques : les échecs sont comptés sur {replicas} et ' +
    '{replicas}/{replicas} = 1 ne dépasse jamais {ratio}, donc failure_action {action} ne peut jamais se déclencher',
  'neverFires.figure':
    'avec une nouvelle image qui s’arrête 1 s après son démarrage, l’updater a compté {counted} échecs pendant la ' +
    'surveillance de {monitor} sans rien faire : {outcome}, avec {failed} tâches mises à jour en échec sur {total}',
  'delayMonitor.why':
    'délai {delay} ≥ surveillance {monitor} : un échec ne compte que pendant la surveillance qui suit le démarrage ' +
    'd’une tâche, donc une tâche qui échoue plus tard pendant les {delay} d’attente est ignorée et le créneau ' +
    'suivant est mis à jour (seul le dernier créneau est surveillé délai + 1 s)',
  'delayMonitor.counted': 'l’updater a remplacé {before} créneaux sur {total} avant de compter un échec',
  'delayMonitor.countedFinal':
    'l’updater a remplacé {before} créneaux sur {total} avant de compter un échec (dans la surveillance finale, ' +
    'étirée à délai + 1 s = {finalMonitor})',
  'delayMonitor.notCounted': 'l’updater a remplacé les {total} créneaux sans compter d’échec',
  'delayMonitor.figure':
    'avec une nouvelle image qui s’arrête {crash} après son démarrage, la première tâche mise à jour a échoué ' +
    '{after} après son démarrage, sans être comptée ; {counting} : {outcome}',
  'monitorZero.why':
    'monitor 0 ne coupe pas la surveillance et n’attend rien : le démon l’ignore et Swarm surveille {monitor}, et ' +
    'sans healthcheck une tâche est prête dès que son processus démarre, donc seul un arrêt dans les {monitor} qui ' +
    'suivent son démarrage stoppe la mise à jour',
  'monitorZero.figure': 'avec une nouvelle image qui s’arrête {crash} après son démarrage, {figure}',
  'singleStopFirst.why':
    'une seule réplique mise à jour en stop-first : Swarm arrête la seule tâche avant que sa remplaçante démarre, ' +
    'donc le service ne sert rien pendant chaque mise à jour (start-first le garde disponible)',
  'singleStopFirst.figure':
    'avec une nouvelle image saine, aucune tâche n’a servi pendant {down} (de {from} à {to} après le début de la ' +
    'mise à jour) ; {outcome}',
  'hostPort.update': 'la mise à jour',
  'hostPort.rollback': 'le rollback',
  'hostPort.why':
    '{which} en ordre start-first avec le port {port} en mode host : la nouvelle tâche doit démarrer pendant que ' +
    'l’ancienne tient encore le port {port} sur son nœud, elle ne peut donc pas y être placée ; quand aucun autre ' +
    'nœud n’est libre (toujours pour un service global) elle reste en attente avec « {err} » et {which} se bloque',
  'hostPort.figure':
    '{after} après le début de la mise à jour, une nouvelle tâche est restée en attente avec « {err} » ; {outcome}',
  'hostPort.noProof':
    'pas de preuve simulée : le blocage se voit dans une mise à jour, et cet ordre de rollback ne sert qu’à un ' +
    'rollback ; l’explication est le HostPortFilter de swarmkit',
  'slowRollback.config': 'parallélisme {parallelism}, délai {delay}',
  'slowRollback.all': 'tout',
  'slowRollback.defaults': ' (pas de rollback_config : les défauts de Swarm)',
  'slowRollback.why':
    'revenir en arrière est plus lent que la mise à jour annulée : rollback {rollback}{defaults} contre mise à jour ' +
    '{update}, donc une mauvaise version reste plus longtemps qu’il n’a fallu pour la déployer',
  'slowRollback.figure':
    'la mise à jour de {replicas} répliques a pris {updateTook} ; docker service rollback a pris {rollbackTook} pour ' +
    'l’annuler',
  'noDigest.noTag': 'pas de tag (donc :latest)',
  'noDigest.why':
    'l’image {image} a {what} et pas de digest : le tag bouge, donc des nœuds qui tirent l’image à des moments ' +
    'différents (ou quand le registre ne peut pas enregistrer de digest) exécutent des versions différentes, et y ' +
    'revenir par rollback peut ne rien restaurer ; fixez un tag de version ou un digest @sha256',
  'noDigest.noProof':
    'aucune preuve simulée n’existe : le simulateur n’a pas de registre, et les digests d’images ne sont pas modélisés',
};

/** Every template, by language. */
export const LINT_TEXTS: Record<LintLang, Record<LintTextKey, string>> = { en: EN, fr: FR };

/** A short-hand for a text: `lintText('outcome', { state: 'completed' })`. */
export function lintText(key: LintTextKey, params?: Record<string, LintParam>): LintText {
  return params ? { key, params } : { key };
}

/** Milliseconds as seconds for a reader: `7.6 s` (en), `7,6 s` (fr). */
export function secondsIn(lang: LintLang, ms: number): string {
  const text = `${+(ms / 1000).toFixed(1)}`;
  return `${lang === 'fr' ? text.replace('.', ',') : text} s`;
}

/** The text in `lang`, its `{name}` parameters filled (a missing parameter is left as written, so a test sees it). */
export function renderLint(text: LintText, lang: LintLang = 'en'): string {
  return LINT_TEXTS[lang][text.key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = text.params?.[name];
    if (value === undefined) return whole;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if ('ms' in value) return secondsIn(lang, value.ms);
    return renderLint(value, lang);
  });
}

/** The one-line title of a rule (its summary in `--help`, the README and SARIF). */
export function ruleTitle(ruleId: string, lang: LintLang = 'en'): string {
  const key = `title.${ruleId}` as LintTextKey;
  return LINT_TEXTS[lang][key] ?? ruleId;
}
