// The CLI's file system side: scenario files and the compose files they (or exec'd commands) name.
import { dirname, isAbsolute, join, relative } from 'node:path';
import { tokenize } from '../commands/tokenize.js';
import type { ComposeEnv } from '../compose/interpolate.js';
import { TRACE_FILE_LIMIT_BYTES, YAML_FILE_LIMIT_BYTES } from '../defaults.js';
import { InputError } from '../errors.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { InputFileError, type InputFileKind, readInputFile, readInputText } from './input-file.js';

/** A command's side of `${VAR}` in compose files: what they read, the process's environment (`docker stack deploy`). */
export interface ComposeEnvIo {
  env?: ComposeEnv;
}

export const SCENARIO_FILE: InputFileKind = { what: 'scenario file', limitBytes: YAML_FILE_LIMIT_BYTES };
export const COMPOSE_FILE: InputFileKind = { what: 'compose file', limitBytes: YAML_FILE_LIMIT_BYTES };
export const STACK_FILE: InputFileKind = { what: 'stack file', limitBytes: YAML_FILE_LIMIT_BYTES };
export const TRACE_FILE: InputFileKind = { what: 'trace', limitBytes: TRACE_FILE_LIMIT_BYTES };
/** `lint`: a stack file or a scenario. */
export const LINT_FILE: InputFileKind = { what: 'file', limitBytes: YAML_FILE_LIMIT_BYTES };
/** `export`: a trace or a scenario (read again as a scenario, within its own limit). */
export const EXPORT_FILE: InputFileKind = { what: 'file', limitBytes: TRACE_FILE_LIMIT_BYTES };

/** Reads and loads a scenario; `compose:` paths are read relative to it. Unreadable files are InputErrors. */
export function readScenarioFile(
  path: string,
  text = readInputFile(path, SCENARIO_FILE),
  env?: Scenario['env'],
): Scenario {
  const base = dirname(path);
  return loadScenario(text, path, {
    env,
    readFile: (relativePath) => {
      const full = isAbsolute(relativePath) ? relativePath : join(base, relativePath);
      return { text: readInputText(full, COMPOSE_FILE), file: displayPath(full) };
    },
  });
}

/**
 * Compose files that `swarmlab exec` commands name with `docker stack deploy -c` / `--compose-file`, read from the
 * working directory. Only `stack deploy` reads files: `-c` of any other command is not a file name.
 */
export function composeFilesOf(commands: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const command of commands) {
    for (const name of composeFileNames(command)) {
      if (name === '-' || name in files) continue;
      try {
        files[name] = readInputText(name, COMPOSE_FILE);
      } catch (err) {
        // A missing file is left out: `docker stack deploy` then says `open NAME: no such file or directory`, as Docker
        // does.
        if (err instanceof InputFileError && err.code === 'ENOENT') continue;
        if (err instanceof InputFileError)
          throw new InputError(`${name}: cannot read the compose file (${err.reason})`);
        throw err;
      }
    }
  }
  return files;
}

/** The `-c` / `--compose-file` values of a `docker … stack deploy` command line; none for any other command. */
export function composeFileNames(command: string): string[] {
  let words: string[];
  try {
    words = tokenize(command);
  } catch {
    return []; // the command itself will report the bad quoting
  }
  const stack = words.indexOf('stack');
  if (words[0] !== 'docker' || stack < 0 || words[stack + 1] !== 'deploy') return [];
  const names: string[] = [];
  const rest = words.slice(stack + 2);
  rest.forEach((word, i) => {
    if (word === '--') return;
    const inline = /^(?:--compose-file|-c)=(.+)$/.exec(word);
    const name = inline ? inline[1] : word === '-c' || word === '--compose-file' ? rest[i + 1] : undefined;
    if (name !== undefined) names.push(name);
  });
  return names;
}

function displayPath(full: string): string {
  const rel = relative(process.cwd(), full);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : full;
}
