// The command line's `main` for in-process tests, with `check` and `sweep` loaded as the entry point loads them when
// a command line names them (src/cli/lazy-commands.ts).
import { loadLazyCommands } from '../../src/cli/lazy-commands.js';

export { EXIT_INTERNAL, type MainIo, main } from '../../src/cli/main.js';

await loadLazyCommands();
