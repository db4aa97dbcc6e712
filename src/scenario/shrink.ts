// A scenario file's one-step reductions (a step left out, fewer replicas, a flag left out): what a minimiser tries.
import { isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { FlagDef } from '../commands/flags.js';
import { CREATE_FLAGS, ROLLBACK_FLAGS, UPDATE_FLAGS } from '../commands/service-flags.js';
import { quoteWord, tokenize } from '../commands/tokenize.js';

export interface Reduction {
  /** What was taken away, for a log line: `without step 4 (wait: 2s)`, `step 1: --replicas 3 → 1`. */
  what: string;
  /** The whole scenario file with that reduction. */
  text: string;
}

/**
 * Flags never left out: the service's name, `-d` (a run must not block on a rollout), the image an update sets, and
 * `--replicas` (lowered instead).
 */
const KEPT_FLAGS = new Set(['name', 'detach', 'd', 'image', 'replicas']);
const FLAG_KINDS = new Map<string, FlagDef['kind']>(
  [...CREATE_FLAGS, ...UPDATE_FLAGS, ...ROLLBACK_FLAGS].flatMap((def) => [
    [def.name, def.kind] as const,
    ...(def.short ? [[def.short, def.kind] as const] : []),
  ]),
);

/**
 * Every scenario one reduction smaller than `text`, biggest cut first: each step left out (the last first; never the
 * first, which creates what the others act on), a `--replicas N` or `scale NAME=N` lowered to 1 and to N-1, each
 * flag of a docker command left out with its value. Texts that would be the same are given once.
 */
export function scenarioReductions(text: string): Reduction[] {
  const steps = stepsOf(text);
  if (!steps) return [];
  const out: Reduction[] = [];
  const seen = new Set<string>([text]);
  const add = (what: string, edit: (seq: YAMLSeq) => void) => {
    const doc = parseDocument(text);
    edit(doc.get('steps') as YAMLSeq);
    // One line a command, flow maps as they are usually written ({exit: 1, after: 2s}).
    const reduced = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    if (seen.has(reduced)) return;
    seen.add(reduced);
    out.push({ what, text: reduced });
  };
  for (let i = steps.length - 1; i >= 1; i--) {
    add(`without step ${i + 1} (${steps[i].shown})`, (seq) => seq.delete(i));
  }
  steps.forEach((step, i) => {
    if (step.words === null) return;
    for (const change of replicaChanges(step.words)) {
      add(`step ${i + 1}: ${change.what}`, (seq) => seq.set(i, joinWords(change.words)));
    }
  });
  steps.forEach((step, i) => {
    if (step.words === null) return;
    for (const cut of flagCuts(step.words)) {
      add(`step ${i + 1} without ${cut.what}`, (seq) => seq.set(i, joinWords(cut.words)));
    }
  });
  return out;
}

interface StepWords {
  /** The step as written, shortened for a log line. */
  shown: string;
  /** A docker command's words (null: a wait, or a step that is not a docker command). */
  words: string[] | null;
}

function stepsOf(text: string): StepWords[] | null {
  const doc = parseDocument(text);
  if (doc.errors.length) return null;
  const seq = doc.get('steps');
  if (!isSeq(seq)) return null;
  return seq.items.map((item) => {
    const written = isMap(item) ? item.items.map((pair) => `${pair.key}: ${pair.value}`).join(', ') : String(item);
    const shown = written.replace(/\s+/g, ' ').trim();
    const short = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
    if (!isScalar(item) || typeof item.value !== 'string') return { shown: short, words: null };
    let words: string[];
    try {
      words = tokenize(item.value);
    } catch {
      return { shown: short, words: null };
    }
    return { shown: short, words: words[0] === 'docker' ? words : null };
  });
}

function joinWords(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}

/** `--replicas N` (or `--replicas=N`) and `scale NAME=N` with N > 1: to 1, and to N-1 when that is another value. */
function replicaChanges(words: readonly string[]): { what: string; words: string[] }[] {
  const changes: { what: string; words: string[] }[] = [];
  const lowered = (n: number) => (n > 2 ? [1, n - 1] : n === 2 ? [1] : []);
  words.forEach((word, at) => {
    const inline = /^--replicas=(\d+)$/.exec(word);
    const spaced = word === '--replicas' && /^\d+$/.test(words[at + 1] ?? '') ? words[at + 1] : null;
    const scale = words[2] === 'scale' && at > 2 ? /^([^=]+)=(\d+)$/.exec(word) : null;
    const n = Number(inline?.[1] ?? spaced ?? scale?.[2] ?? Number.NaN);
    for (const to of lowered(n)) {
      const next = [...words];
      if (inline) next[at] = `--replicas=${to}`;
      else if (spaced !== null) next[at + 1] = String(to);
      else next[at] = `${scale![1]}=${to}`;
      changes.push({ what: `${inline || spaced !== null ? '--replicas' : 'scale'} ${n} → ${to}`, words: next });
    }
  });
  return changes;
}

/** Each known flag of a `docker service` command, left out with its value (`--x v`, `--x=v`, or a bool alone). */
function flagCuts(words: readonly string[]): { what: string; words: string[] }[] {
  const cuts: { what: string; words: string[] }[] = [];
  for (let at = 3; at < words.length; at++) {
    const match = /^--?([a-z][\w-]*)(=.*)?$/.exec(words[at]);
    if (!match) continue;
    const kind = FLAG_KINDS.get(match[1]);
    if (kind === undefined) continue;
    const takesNext = match[2] === undefined && kind !== 'bool' && at + 1 < words.length;
    const length = takesNext ? 2 : 1;
    if (!KEPT_FLAGS.has(match[1])) {
      const what = words
        .slice(at, at + length)
        .map(quoteWord)
        .join(' ');
      cuts.push({ what, words: [...words.slice(0, at), ...words.slice(at + length)] });
    }
    at += length - 1;
  }
  return cuts;
}
