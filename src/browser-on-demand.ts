// The library parts the web sandbox fetches when first used, kept out of src/browser.ts so that they stay out of the
// page's first load: the trace exports (the header's "Export for…" buttons), the lint findings' texts, the compose
// reader (web/compose-on-demand.ts) and the scenario loader.

export { composeToSpecs } from './compose/compose.js';
export { formatDockerEvents } from './export/docker-events.js';
export { toJUnit } from './export/junit.js';
export { formatPerfetto } from './export/perfetto.js';
export { scenarioSuite } from './export/scenario-junit.js';
export { type LintLang, renderLint, ruleTitle } from './policy-lint/messages.js';
export { loadScenario } from './scenario/load.js';
