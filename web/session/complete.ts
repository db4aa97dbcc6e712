// Tab completion of the console: commands, subcommands, flags, service and node names, flag values.
import { CLUSTER_FAULTS, CREATE_FLAGS, ROLLBACK_FLAGS, SANDBOX_FAULT_VERBS, UPDATE_FLAGS } from '../../src/browser.js';

export interface CompletionContext {
  services: readonly string[];
  nodes: readonly string[];
}

export interface Completion {
  /** The line with the word completed (as far as the candidates agree). */
  line: string;
  /** Every candidate for the word, when more than one. */
  candidates: string[];
}

const SUBCOMMANDS: Record<string, string[]> = {
  docker: ['service', 'node', 'stack'],
  'docker service': ['create', 'update', 'rollback', 'ps', 'inspect', 'ls', 'scale', 'rm', 'logs'],
  'docker node': ['ls', 'update', 'inspect'],
  'docker stack': ['deploy'],
  swarmlab: ['fault', 'wait'],
  'swarmlab fault': [...SANDBOX_FAULT_VERBS],
  'swarmlab wait': ['converged', 'settled', '10s'],
};

const flagNames = (defs: readonly { name: string; ignored?: boolean }[]) =>
  defs.filter((d) => !d.ignored).map((d) => `--${d.name}`);

const FLAGS: Record<string, string[]> = {
  'docker service create': flagNames(CREATE_FLAGS),
  'docker service update': flagNames(UPDATE_FLAGS),
  'docker service rollback': flagNames(ROLLBACK_FLAGS),
  'docker service ps': ['--no-trunc', '--no-resolve', '--quiet', '--filter', '--format'],
  'docker service inspect': ['--pretty', '--format'],
  'docker service ls': ['--quiet', '--filter', '--format'],
  'docker service logs': ['--follow', '--tail', '--timestamps', '--no-trunc'],
  'docker node update': ['--availability'],
  'docker node ls': ['--quiet', '--filter', '--format'],
  'docker node inspect': ['--pretty', '--format'],
  'docker stack deploy': ['--compose-file'],
  ...Object.fromEntries(
    SANDBOX_FAULT_VERBS.map((verb) => [
      `swarmlab fault ${verb}`,
      CLUSTER_FAULTS[verb].sandbox.flags.map((f) => `--${f}`),
    ]),
  ),
};

const VALUES: Record<string, string[]> = {
  '--availability': ['active', 'pause', 'drain'],
  '--update-failure-action': ['pause', 'continue', 'rollback'],
  '--rollback-failure-action': ['pause', 'continue'],
  '--update-order': ['stop-first', 'start-first'],
  '--rollback-order': ['stop-first', 'start-first'],
  '--restart-condition': ['none', 'on-failure', 'any'],
};

/** `swarmlab fault node-down` and the other sandbox faults that take a node. */
const NODE_FAULTS = new Set(
  SANDBOX_FAULT_VERBS.filter((verb) => CLUSTER_FAULTS[verb].target === 'node').map((verb) => `swarmlab fault ${verb}`),
);

const SERVICE_ARG = new Set(['update', 'rollback', 'ps', 'inspect', 'rm', 'logs', 'scale']);

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function complete(line: string, ctx: CompletionContext): Completion {
  const match = /^(.*?)(\S*)$/s.exec(line)!;
  const before = match[1];
  const word = match[2];
  const words = before.trim() ? before.trim().split(/\s+/) : [];
  const positional = words.filter((w) => !w.startsWith('-'));
  const path2 = positional.slice(0, 2).join(' ');
  const path3 = positional.slice(0, 3).join(' ');
  let pool: string[] = [];
  const previous = words[words.length - 1];
  if (words.length === 0) pool = ['docker', 'swarmlab'];
  else if (previous && VALUES[previous]) pool = VALUES[previous];
  else if (word.startsWith('-')) pool = FLAGS[path3] ?? [];
  else if (positional.length === 1) pool = SUBCOMMANDS[positional[0]] ?? [];
  else if (positional.length === 2 && SUBCOMMANDS[path2]) pool = SUBCOMMANDS[path2];
  else if (path2 === 'docker service' && SERVICE_ARG.has(positional[2])) pool = [...ctx.services];
  else if (path3 === 'docker node update' || path3 === 'docker node inspect' || NODE_FAULTS.has(path3))
    pool = [...ctx.nodes];
  else if (path3 === 'swarmlab wait converged') pool = [...ctx.services];
  const candidates = pool.filter((c) => c.startsWith(word));
  if (candidates.length === 0) return { line, candidates: [] };
  if (candidates.length === 1) return { line: `${before}${candidates[0]} `, candidates: [] };
  return { line: `${before}${commonPrefix(candidates)}`, candidates };
}
