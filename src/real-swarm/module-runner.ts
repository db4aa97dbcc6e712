// Starts a sibling module in a worker thread or child process, from dist (.js) or from source (.ts, through tsx).
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');

function siblingUrl(baseName: string): URL {
  return new URL(`./${baseName}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
}

/** A worker thread running `./<baseName>.js` (or the .ts sibling through tsx when swarmlab runs from source). */
export function startWorker(baseName: string, options: WorkerOptions): Worker {
  const url = siblingUrl(baseName);
  if (!fromSource) return new Worker(url, options);
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const code =
    `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })` +
    '.catch((err) => { console.error(err); process.exit(70); });';
  return new Worker(code, { ...options, eval: true });
}

/** A detached node process running `./<baseName>.js` (or .ts through tsx) with stdin piped. */
export function startProcess(baseName: string, args: string[]): ChildProcess {
  const url = siblingUrl(baseName);
  const loader = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return spawn(process.execPath, [...loader, url.pathname, ...args], {
    detached: true,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}
