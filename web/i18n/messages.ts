// The web sandbox's message catalogue, French and English (Docker's own texts are never translated).
export type Lang = 'fr' | 'en';

/** A text in both languages of the page. */
export interface Text {
  fr: string;
  en: string;
}

export const MESSAGES = {
  fr: {
    title: 'swarmlab — bac à sable Docker Swarm',
    console: 'Console',
    timeline: 'Chronologie',
    controls: 'Lecture',
    ps: 'docker service ps',
    inspect: 'docker service inspect --pretty',
    availability: 'Disponibilité',
    nodes: 'Nœuds',
    lessons: 'Leçons',
    compare: 'Comparer',
    io: 'Importer / exporter',
    play: 'Lecture',
    pause: 'Pause',
    next: 'Événement suivant',
    prev: 'Événement précédent',
    prevShort: 'précédent',
    nextShort: 'suivant',
    speed: 'Vitesse',
    cursor: 'Curseur',
    typeHere: 'Tapez une commande docker… (Tab pour compléter, ↑/↓ historique)',
    readOnly: 'Trace importée : lecture seule (chargez une leçon pour taper des commandes).',
    predictFirst:
      'Prédisez d’abord : la console, les actions sur les nœuds, la comparaison et l’atlas des issues s’ouvrent ' +
      'une fois vos prédictions envoyées.',
    toPrediction: 'Aller aux prédictions',
    noService: 'Aucun service pour l’instant : tapez docker service create …',
    running: 'en cours',
    desired: 'répliques voulues',
    lowest: 'disponibilité minimale',
    duration: 'durée',
    badTasks: 'tâches défectueuses lancées',
    drain: 'Drainer',
    pauseNode: 'Pause',
    activate: 'Activer',
    down: 'Éteindre',
    up: 'Rallumer',
    goal: 'Objectif',
    goalMet: 'Objectif atteint ✔',
    goalNotMet: 'Objectif pas encore atteint',
    hints: 'Indices',
    tryThese: 'À essayer',
    lessonText: 'Énoncé',
    differs: 'Là où Docker diffère du cours',
    start: 'Commencer la leçon',
    exportTrace: 'Exporter la trace (JSON)',
    exportFor: 'Exporter pour…',
    exportPerfetto: 'Perfetto (ui.perfetto.dev)',
    exportDockerEvents: 'docker events (lignes JSON)',
    exportJUnit: 'JUnit (attentes du scénario)',
    share: 'Copier le lien de partage',
    importFile: 'Importer un fichier (trace JSON, scénario YAML, compose)',
    dropHere: 'bouton « Importer… » ou glisser-déposer sur la page',
    importShort: 'Importer…',
    imported: 'Importé :',
    importError: 'Fichier refusé :',
    chunkFailed:
      'Une partie de la page n’a pas pu être chargée (hors ligne ?). Réessayez une fois la connexion revenue : ' +
      'rien de ce qui est ouvert n’est perdu.',
    largeFont: 'Grand texte',
    language: 'English',
    policyA: 'Stratégie A',
    policyB: 'Stratégie B',
    runCompare: 'Comparer',
    image: 'Nouvelle image',
    replicas: 'Répliques',
    explorer: 'Explorateur de stratégies',
    challenges: 'Défis',
    takeChallenge: 'Relever le défi de cette section',
    paretoFront: 'front de Pareto',
    gridError: 'Grille refusée :',
    nodeCount: 'Nœuds',
    newImage: 'Nouvelle image (comportement)',
    failShare: 'Part des conteneurs qui échouent (%, flaky)',
    seed: 'Graine',
    seedCount: 'Graines par stratégie (pire retenue)',
    settings: 'Réglages',
    openTimeline: 'Ouvrir',
    runSweep: 'Lancer le balayage',
    stop: 'Arrêter',
    compareSelected: 'Comparer les deux choisies',
    pointsTable: 'Tous les points, en tableau',
    outcomes: 'issues',
    openPoint: 'Ouvrir',
    choosePoint: 'Choisir',
    pointNumber: 'point',
    opened: 'Ouvert :',
    loadingTraces: 'Chargement des traces nommées dans l’adresse…',
    explorerHelp: 'Clic (ou Entrée) : ouvrir sur la chronologie · Maj+clic (ou Espace) : choisir pour comparer',
    explorerLegend:
      'x : durée de la mise à jour · y : disponibilité minimale · taille et teinte : tâches défectueuses lancées ' +
      '· cerclé orange : front de Pareto (durée, disponibilité, tâches défectueuses)',
    twoTraces: 'choisissez exactement deux traces JSON',
    notATrace: 'pas une trace JSON (seules deux traces se comparent)',
    compareFiles: 'Comparer deux traces importées :',
    compareFigures: 'Chiffres des déroulements comparés',
    task: 'Tâche',
    exitCode: 'code de sortie',
    error: 'erreur',
    state: 'état',
    lanes: 'lignes',
    bars: 'tâches',
    desiredTo: 'état voulu →',
    worker: 'worker',
    monitor: 'surveillance',
    delay: 'délai',
    failure: 'échec',
    noTasks: 'Pas de tâche sur ce nœud',
    moreTasks: 'autres tâches',
    legend:
      'pâle = arrêt demandé · ▼ commande tapée · ▶ mise à jour · ⟲ rollback · ⏏ fin du rollback · ✕ / ◯ échec ' +
      'compté · ■ arrêt de l’updater',
    internalError: 'Erreur interne de swarmlab (la commande est ignorée) :',
    shareCopied: 'Lien copié dans le presse-papiers',
    shareUnknown: 'Lien de partage : leçon inconnue',
    shareDamaged: 'Lien de partage abîmé ou hors limites (2 h, 200 lignes de 2 000 caractères) : non ouvert',
    sessionLimit: 'Une session est limitée à 2 h de temps virtuel : rechargez la leçon pour recommencer.',
    shareLessonsOnly: 'Seule une session de leçon peut être partagée par lien ; exportez la trace pour le reste.',
    help:
      'Les commandes s’exécutent à l’instant du curseur et la lecture s’arrête quand elles rendent la main · Espace ' +
      ': lecture/pause · ← → : événement précédent/suivant · Échap puis Tab : quitter la console',
    consoleName: 'Console : tapez une commande docker',
    busy: 'Console occupée',
    goStart: 'Aller au début',
    mainLabel: 'Bac à sable',
    lessonPanel: 'Leçon',
    tabsLabel: 'Vues',
    discardAsk: 'Changer de leçon efface les lignes que vous avez tapées dans cette session. Continuer ?',
    discardExplorer: 'Ouvrir ce point efface les lignes que vous avez tapées dans cette session. Continuer ?',
    atlas: 'Atlas des issues',
    discardAtlas: 'Ouvrir cette issue efface les lignes que vous avez tapées dans cette session. Continuer ?',
    goalMissed: 'Objectif manqué :',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    zoomReset: 'Toute la trace',
  },
  en: {
    title: 'swarmlab — Docker Swarm sandbox',
    console: 'Console',
    timeline: 'Timeline',
    controls: 'Replay',
    ps: 'docker service ps',
    inspect: 'docker service inspect --pretty',
    availability: 'Availability',
    nodes: 'Nodes',
    lessons: 'Lessons',
    compare: 'Compare',
    io: 'Import / export',
    play: 'Play',
    pause: 'Pause',
    next: 'Next event',
    prev: 'Previous event',
    prevShort: 'Previous',
    nextShort: 'Next',
    speed: 'Speed',
    cursor: 'Cursor',
    typeHere: 'Type a docker command… (Tab completes, ↑/↓ history)',
    readOnly: 'Imported trace: read only (start a lesson to type commands).',
    predictFirst:
      'Predict first: the console, the node actions, the compare tab and the outcome atlas open once your ' +
      'predictions are sent.',
    toPrediction: 'Go to the predictions',
    noService: 'No service yet: type docker service create …',
    running: 'running',
    desired: 'desired replicas',
    lowest: 'lowest availability',
    duration: 'duration',
    badTasks: 'bad tasks started',
    drain: 'Drain',
    pauseNode: 'Pause',
    activate: 'Activate',
    down: 'Take down',
    up: 'Bring up',
    goal: 'Goal',
    goalMet: 'Goal met ✔',
    goalNotMet: 'Goal not met yet',
    hints: 'Hints',
    tryThese: 'Try',
    lessonText: 'The lesson',
    differs: 'Where Docker differs from the course',
    start: 'Start the lesson',
    exportTrace: 'Export the trace (JSON)',
    exportFor: 'Export for…',
    exportPerfetto: 'Perfetto (ui.perfetto.dev)',
    exportDockerEvents: 'docker events (JSON lines)',
    exportJUnit: "JUnit (the scenario's expectations)",
    share: 'Copy the share link',
    importFile: 'Import a file (trace JSON, scenario YAML, compose)',
    dropHere: 'the “Import…” button or drag and drop on the page',
    importShort: 'Import…',
    imported: 'Imported:',
    importError: 'File refused:',
    chunkFailed:
      'Part of the page could not be loaded (offline?). Try again once the connection is back: nothing open is lost.',
    largeFont: 'Large text',
    language: 'Français',
    policyA: 'Policy A',
    policyB: 'Policy B',
    runCompare: 'Compare',
    image: 'New image',
    replicas: 'Replicas',
    explorer: 'Policy explorer',
    challenges: 'Challenges',
    takeChallenge: 'Take this section’s challenge',
    paretoFront: 'Pareto front',
    gridError: 'Grid refused:',
    nodeCount: 'Nodes',
    newImage: 'New image (behaviour)',
    failShare: 'Share of containers failing (%, flaky)',
    seed: 'Seed',
    seedCount: 'Seeds per policy (worst kept)',
    settings: 'Settings',
    openTimeline: 'Open',
    runSweep: 'Run the sweep',
    stop: 'Stop',
    compareSelected: 'Compare the two chosen',
    pointsTable: 'Every point, as a table',
    outcomes: 'outcomes',
    openPoint: 'Open',
    choosePoint: 'Choose',
    pointNumber: 'point',
    opened: 'Opened:',
    loadingTraces: 'Loading the traces named in the address…',
    explorerHelp: 'Click (or Enter): open on the timeline · Shift+click (or Space): choose for comparison',
    explorerLegend:
      'x: update duration · y: lowest availability · size and shade: bad tasks started · orange ring: Pareto ' +
      'front (duration, availability, bad tasks)',
    twoTraces: 'choose exactly two JSON traces',
    notATrace: 'not a JSON trace (only two traces can be compared)',
    compareFiles: 'Compare two imported traces:',
    compareFigures: 'Figures of the compared rollouts',
    task: 'Task',
    exitCode: 'exit code',
    error: 'error',
    state: 'state',
    lanes: 'lanes',
    bars: 'tasks',
    desiredTo: 'desired →',
    worker: 'worker',
    monitor: 'monitor',
    delay: 'delay',
    failure: 'failure',
    noTasks: 'No task on this node',
    moreTasks: 'more tasks',
    legend:
      'pale = told to stop · ▼ command typed · ▶ update · ⟲ rollback · ⏏ rollback end · ✕ / ◯ counted failure · ■ ' +
      'updater stopped',
    internalError: 'swarmlab internal error (the command is dropped):',
    shareCopied: 'Link copied to the clipboard',
    shareUnknown: 'Share link: unknown lesson',
    shareDamaged: 'Share link damaged or past the limits (2 h, 200 lines of 2,000 characters): not opened',
    sessionLimit: 'A session is limited to 2 h of virtual time: reload the lesson to start again.',
    shareLessonsOnly: 'Only a lesson session can be shared as a link; export the trace for anything else.',
    help:
      'Commands run at the cursor’s time and the replay stops when they return · Space: play/pause · ← →: ' +
      'previous/next event · Escape then Tab: leave the console',
    consoleName: 'Console: type a docker command',
    busy: 'Console busy',
    goStart: 'Go to start',
    mainLabel: 'Sandbox',
    lessonPanel: 'Lesson',
    tabsLabel: 'Views',
    discardAsk: 'Changing lesson discards the lines you typed in this session. Continue?',
    discardExplorer: 'Opening this point discards the lines you typed in this session. Continue?',
    atlas: 'Outcome atlas',
    discardAtlas: 'Opening this outcome discards the lines you typed in this session. Continue?',
    goalMissed: 'Goal missed:',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    zoomReset: 'Whole trace',
  },
} as const;

export type MessageKey = keyof (typeof MESSAGES)['fr'];

const STORED_LANG = 'swarmlab.lang';

/** The language chosen last time (kept in localStorage), French by default. */
function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORED_LANG) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr'; // storage refused (a sandboxed frame): French
  }
}

let current: Lang = storedLang();
if (typeof document !== 'undefined') document.documentElement.lang = current;

export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  try {
    globalThis.localStorage?.setItem(STORED_LANG, lang);
  } catch {
    // storage refused: the choice lasts until the page is reloaded
  }
}

export const getLang = (): Lang => current;

/** The message in the current language. */
export const t = (key: MessageKey): string => MESSAGES[current][key];

/** A text given in both languages, in the current one. */
export const tr = (text: { fr: string; en: string }): string => text[current];

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A line typed while an earlier one still ran: where it ran instead. */
export const busyMoved = (running: string, cursorMs: number, ranAtMs: number): string =>
  current === 'fr'
    ? `Console occupée à ${seconds(cursorMs)} : « ${running} » ne rend la main qu’à ${seconds(ranAtMs)}. Votre ligne ` +
      `s’est exécutée à ${seconds(ranAtMs)} (le curseur y est allé). Pour agir pendant une mise à jour, lancez-la ` +
      'avec -d.'
    : `Console busy at ${seconds(cursorMs)}: “${running}” only returns at ${seconds(ranAtMs)}. Your line ran ` +
      `at ${seconds(ranAtMs)} (the cursor moved there). To act during an update, start it with -d.`;

/** The console's state while a foreground line runs at the cursor. */
export const busyUntil = (running: string, untilMs: number): string =>
  current === 'fr'
    ? `Console occupée : « ${running} » tourne jusqu’à ${seconds(untilMs)} ; une ligne tapée maintenant s’exécutera ` +
      `à ${seconds(untilMs)}.`
    : `Console busy: “${running}” runs until ${seconds(untilMs)}; a line typed now will run at ${seconds(untilMs)}.`;
