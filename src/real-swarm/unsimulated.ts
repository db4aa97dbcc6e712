// The flags a trace's commands gave that the simulator accepts but does not model: such a run is not comparable.
import { parseFlags } from '../commands/flags.js';
import { CREATE_FLAGS, UPDATE_FLAGS } from '../commands/service-flags.js';
import { tokenize } from '../commands/tokenize.js';
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
