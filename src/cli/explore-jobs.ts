// `swarmlab explore --jobs N`: the parts of the choice tree explored by N worker threads, the command staying
// synchronous.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ComposeEnv } from '../compose/interpolate.js';
import { InputError } from '../errors.js';
import type { PartResult } from '../lab/explore/explore.js';
import type { ExploreOptions } from './explore-format.js';

/** What a worker is started with (plain data: it is cloned into the thread). */
export interface WorkerSetup {
  file: string;
  /** The main thread's `${VAR}` values for compose files, so every thread reads the same specs. */
  env?: ComposeEnv;
  service?: string;
  maxRuns: number;
  require: string[];
  faults?: ExploreOptions['faults'];
  maxFaults: number;
  symmetry: boolean;
  prefixes: number[][];
  port: MessagePort;
  /** Counts messages posted back: the main thread sleeps on it (Atomics.wait) between them. */
  signal: Int32Array;
}

/** A worker's answer: a part explored, or why it could not be. */
export type WorkerReply = { part: PartResult } | { error: string; input: boolean };

interface Job {
  prefixes: number[][];
  indices: number[];
  jobs: number;
  file: string;
  env?: ComposeEnv;
  options: ExploreOptions;
  onPart(part: PartResult, total: number): void;
}

/**
 * Hands the parts out one at a time to the first free worker and sleeps until one answers; the parts come back in
 * any order and are joined by index, so the report is the same as one thread's.
 */
export function explorePartsInWorkers(job: Job): PartResult[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const queue = [...job.indices];
  const results: PartResult[] = [];
  const workers = Array.from({ length: Math.min(job.jobs, queue.length) }, () => startWorker(job, signal));
  try {
    for (const worker of workers) worker.port.postMessage(queue.shift());
    let seen = 0;
    while (results.length < job.indices.length) {
      Atomics.wait(signal, 0, seen);
      seen = Atomics.load(signal, 0);
      for (const worker of workers) {
        for (let reply = receiveMessageOnPort(worker.port); reply; reply = receiveMessageOnPort(worker.port)) {
          const answer = reply.message as WorkerReply;
          if ('error' in answer) throw answer.input ? new InputError(answer.error) : new Error(answer.error);
          results.push(answer.part);
          job.onPart(answer.part, job.indices.length);
          if (queue.length) worker.port.postMessage(queue.shift());
        }
      }
    }
  } finally {
    for (const worker of workers) {
      worker.port.close();
      void worker.thread.terminate();
    }
  }
  return results.sort((a, b) => a.index - b.index);
}

function startWorker(job: Job, signal: Int32Array): { thread: Worker; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const { options } = job;
  const setup: WorkerSetup = {
    file: job.file,
    env: job.env && { ...job.env },
    service: options.service,
    maxRuns: options.maxRuns,
    require: options.require.map((r) => r.text),
    faults: options.faults,
    maxFaults: options.maxFaults,
    symmetry: options.symmetry,
    prefixes: job.prefixes,
    port: port2,
    signal,
  };
  const thread = new Worker(
    bootstrap(new URL(`./explore-worker${extensionOf(import.meta.url)}`, import.meta.url).href),
    {
      eval: true,
      workerData: setup,
      transferList: [port2],
    },
  );
  thread.unref();
  return { thread, port: port1 };
}

/** `.js` when built, `.ts` when run from the sources (tsx, vitest): the worker is then loaded through tsx. */
function extensionOf(url: string): string {
  return url.endsWith('.ts') ? '.ts' : '.js';
}

/** tsx's API as the sources see it (from any working directory). */
function tsxApiUrl(): string {
  const root = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(join(root, 'dist/esm/api/index.mjs')).href;
}

/** The worker's first code: tsx for TypeScript sources, then the worker module; a failure to load is answered too. */
function bootstrap(moduleUrl: string): string {
  const viaTsx = moduleUrl.endsWith('.ts');
  return `
const { workerData } = require('node:worker_threads');
(async () => {
  ${viaTsx ? `(await import(${JSON.stringify(tsxApiUrl())})).register();` : ''}
  await import(${JSON.stringify(moduleUrl)});
})().catch((err) => {
  const message = err && err.message ? err.message : String(err);
  workerData.port.postMessage({ error: 'explore worker: ' + message, input: false });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
});
`;
}
