// The CLI's file system side: scenario files and the compose files they (or exec'd commands) name.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { tokenize } from '../commands/tokenize.js';
import { InputError } from '../errors.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';

/** Reads and loads a scenario; `compose:` paths are read relative to it. Unreadable files are InputErrors. */
export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read the scenario file (${reason(err)})`);
  }
  const base = dirname(path);
  return loadScenario(text, path, {
    readFile: (relativePath) => {
      const full = isAbsolute(relativePath) ? relativePath : join(base, relativePath);
      try {
        return { text: readFileSync(full, 'utf8'), file: displayPath(full) };
      } catch (err) {
        throw new Error(reason(err));
      }
    },
  });
}

/** Compose files that `swarmlab exec` commands name with `-c` / `--compose-file`, read from the working directory. */
export function composeFilesOf(commands: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const command of commands) {
    let words: string[];
    try {
      words = tokenize(command);
    } catch {
      continue; // the command itself will report the bad quoting
    }
    words.forEach((word, i) => {
      const inline = /^(?:--compose-file|-c)=(.+)$/.exec(word);
      const name = inline ? inline[1] : word === '-c' || word === '--compose-file' ? words[i + 1] : undefined;
      if (name === undefined || name === '-' || name in files) return;
      try {
        files[name] = readFileSync(name, 'utf8');
      } catch {
        // left out: `docker stack deploy` then says `open NAME: no such file or directory`, as Docker does
      }
    });
  }
  return files;
}

function displayPath(full: string): string {
  const rel = relative(process.cwd(), full);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : full;
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
