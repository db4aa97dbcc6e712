// Which typed command lines only read the cluster: they change nothing and take no virtual time.
import { tokenize } from './tokenize.js';

/** `docker <group> <command>` pairs that print the cluster and do nothing else (logs may follow: not listed). */
const READS_ONLY: Readonly<Record<string, ReadonlySet<string>>> = {
  service: new Set(['ps', 'ls', 'list', 'inspect']),
  node: new Set(['ls', 'list', 'inspect']),
};

/** Whether `line` is a `docker service ps|ls|inspect` or `docker node ls|inspect` (any flags); false when unsure. */
export function readsOnly(line: string): boolean {
  let words: string[];
  try {
    words = tokenize(line);
  } catch {
    return false;
  }
  return words[0] === 'docker' && (READS_ONLY[words[1]]?.has(words[2]) ?? false);
}
