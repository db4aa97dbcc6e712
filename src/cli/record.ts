// `swarmlab record SERVICE [--host URL] [--out FILE]`: records a service of any swarm, read-only, until it settles or
// Ctrl-C.
import type { Command } from 'commander';
import { NS_PER_MS } from '../defaults.js';
import { formatGoDuration } from '../duration.js';
import { InputError } from '../errors.js';
import {
  RecordError,
  RecordNotStartedError,
  type RecordProgress,
  type RecordResult,
  type RecordSession,
  startRecording,
} from '../real-swarm/record-service.js';
import { checkOutputFile } from './output-file.js';

export interface RecordRequest {
  kind: 'record';
  service: string;
  options: { host?: string; out?: string };
}

export interface RecordIo {
  out(text: string): void;
  err(text: string): void;
  /** Where the progress line goes (drawn only when it is a terminal). */
  progressStream?: NodeJS.WriteStream;
  /** Registers the Ctrl-C handler; returns its removal. */
  onInterrupt?(stop: () => void): () => void;
}

export function defineRecordCommand(program: Command, done: (request: RecordRequest) => void): void {
  program
    .command('record')
    .description(
      'record what happens to a service of a real swarm, read-only (Engine API GETs and events), until it settles or ' +
        'Ctrl-C',
    )
    .argument('<service>', 'name or ID of the service')
    .option(
      '--host <url>',
      'Docker daemon of the swarm (a manager; default: DOCKER_HOST, then unix:///var/run/docker.sock)',
    )
    .option(
      '--out <file>',
      'write the trace there (JSON lines while recording, the whole trace at the end); default: stdout',
    )
    .action((service: string, options: RecordRequest['options']) => done({ kind: 'record', service, options }));
}

/**
 * Records; resolves to the exit status (0 recorded, 1 the daemon failed while recording, 2 it never answered, no such
 * service or a bad --out).
 */
export async function runRecordCommand(request: RecordRequest, io: RecordIo): Promise<number> {
  const { service, options } = request;
  try {
    if (options.out !== undefined) checkOutputFile(options.out, []);
    const progress = progressLine(io.progressStream);
    // Ctrl-C from the start: while connecting it ends the recording as soon as it has begun.
    let session: RecordSession | null = null;
    let interrupted = false;
    const removeHandler = io.onInterrupt?.(() => {
      interrupted = true;
      session?.stop();
    });
    let result: RecordResult;
    try {
      session = await startRecording({
        service,
        host: options.host,
        outFile: options.out,
        onProgress: progress.update,
      });
      if (interrupted) session.stop();
      result = await session.done;
    } finally {
      removeHandler?.();
      progress.done();
    }
    const summary = formatSummary(service, result, options.out);
    if (options.out === undefined) {
      io.out(`${JSON.stringify(result.trace, null, 2)}\n`);
      io.err(summary);
    } else io.out(summary);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`${err.message}\n`);
      return 2;
    }
    if (err instanceof RecordNotStartedError) {
      io.err(`swarmlab record: the recording did not start, nothing was recorded: ${err.message}\n`);
      return 2;
    }
    if (err instanceof RecordError) {
      io.err(`Error: ${err.message}\n`);
      return 2;
    }
    io.err(`swarmlab record: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

const ENDS: Record<RecordResult['end'], string> = {
  settled: 'settled',
  interrupted: 'stopped (Ctrl-C)',
  removed: 'the service was removed',
};

function formatSummary(service: string, result: RecordResult, out: string | undefined): string {
  const { trace, end } = result;
  const status = trace.services[0]?.UpdateStatus;
  const seconds = formatGoDuration(Math.round(trace.duration_ms) * NS_PER_MS);
  const state = status ? `, UpdateStatus ${status.State} "${status.Message}"` : '';
  const where = out === undefined ? '' : ` → ${out}`;
  return `recorded ${service} for ${seconds}: ${ENDS[end]}${state}, ${trace.events.length} events${where}\n`;
}

/** A one-line progress display on a terminal (stderr), redrawn at each check; nothing when it is not one. */
export function progressLine(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> | undefined): {
  update(progress: RecordProgress): void;
  done(): void;
} {
  if (!stream?.isTTY) return { update() {}, done() {} };
  let drawn = false;
  return {
    update(p) {
      drawn = true;
      const seconds = (p.elapsedMs / 1000).toFixed(1);
      const state = p.waiting ? 'waiting for a change' : (p.updateState ?? 'no update');
      const replicas = p.replicas === null ? `${p.running} running` : `${p.running}/${p.replicas} running`;
      stream.write(
        `\r\x1b[2Kswarmlab record ${p.service}: ${seconds} s, ${state}, ${replicas}, ${p.events} events (Ctrl-C ` +
          'stops and saves)',
      );
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
