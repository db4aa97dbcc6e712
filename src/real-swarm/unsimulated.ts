// What a run gave that the simulator accepts but does not model (flags, compose keys): such a run is not comparable.
import { parse } from 'yaml';
import { parseFlags } from '../commands/flags.js';
import { CREATE_FLAGS, UPDATE_FLAGS } from '../commands/service-flags.js';
import { tokenize } from '../commands/tokenize.js';
import { IGNORED_SERVICE_KEYS } from '../compose/compose.js';
import type { Scenario } from '../scenario/types.js';
import type { Trace } from '../types.js';

/** `docker service create|update` lines of the trace, parsed with the CLI's flag table: its `ignored` flags given. */
export function unsimulatedFlags(trace: Trace): string[] {
  const found = new Set<string>();
  for (const ev of trace.events) {
    if (ev.type !== 'command') continue;
    let words: string[];
    try {
      words = tokenize(ev.text);
    } catch {
      continue;
    }
    if (words[0] !== 'docker' || words[1] !== 'service') continue;
    const defs = words[2] === 'create' ? CREATE_FLAGS : words[2] === 'update' ? UPDATE_FLAGS : null;
    if (!defs) continue;
    try {
      const flags = parseFlags(words.slice(3), defs, { interspersed: words[2] !== 'create' });
      for (const flag of flags.ignoredGiven()) found.add(flag);
    } catch {
      // A command Docker refused changed nothing on either side.
    }
  }
  return [...found];
}

/** `not comparable: --a is not simulated` (`--a, --b are` for several). */
export function notComparableText(flags: readonly string[]): string {
  return `not comparable: ${flags.join(', ')} ${flags.length === 1 ? 'is' : 'are'} not simulated`;
}

/**
 * The compose keys the stack files of `docker stack deploy -c FILE` steps use that the converter accepts without
 * modelling them (`services.web.volumes`, `services.web.deploy.resources`), as `services.NAME.KEY`.
 */
export function unsimulatedComposeKeys(scenario: Scenario): string[] {
  const found = new Set<string>();
  for (const step of scenario.steps) {
    if (step.kind !== 'command') continue;
    let words: string[];
    try {
      words = tokenize(step.text);
    } catch {
      continue;
    }
    if (words[0] !== 'docker' || words[1] !== 'stack' || words[2] !== 'deploy') continue;
    for (const file of composeFiles(words.slice(3))) {
      const text = scenario.files[file];
      if (text === undefined) continue;
      let doc: unknown;
      try {
        doc = parse(text);
      } catch {
        continue;
      }
      const services = (doc as { services?: Record<string, Record<string, unknown>> } | null)?.services ?? {};
      for (const [name, service] of Object.entries(services)) {
        if (!service || typeof service !== 'object') continue;
        for (const key of Object.keys(service))
          if ((IGNORED_SERVICE_KEYS as readonly string[]).includes(key)) found.add(`services.${name}.${key}`);
        const deploy = service.deploy as Record<string, unknown> | undefined;
        if (deploy && typeof deploy === 'object') {
          if (deploy.resources !== undefined) found.add(`services.${name}.deploy.resources`);
          const placement = deploy.placement as Record<string, unknown> | undefined;
          if (placement?.preferences !== undefined) found.add(`services.${name}.deploy.placement.preferences`);
        }
      }
    }
  }
  return [...found];
}

/** The values of `-c FILE`, `-cFILE`, `--compose-file FILE` and `--compose-file=FILE`. */
function composeFiles(argv: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-c' || arg === '--compose-file') files.push(argv[++i] ?? '');
    else if (arg.startsWith('--compose-file=')) files.push(arg.slice('--compose-file='.length));
    else if (arg.startsWith('-c') && !arg.startsWith('--')) files.push(arg.slice(2));
  }
  return files.flatMap((value) => value.split(','));
}
