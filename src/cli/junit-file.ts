// Writes a `--junit FILE` (check, explore, conform): the suites as JUnit XML, a clear error when the file cannot be
// written.
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { type JUnitSuite, toJUnit } from '../export/junit.js';

export function writeJUnitFile(path: string, suites: readonly JUnitSuite[]): void {
  try {
    writeFileSync(path, toJUnit(suites));
  } catch (err) {
    throw new InputError(`--junit ${path}: cannot write the file (${(err as Error).message})`);
  }
}
