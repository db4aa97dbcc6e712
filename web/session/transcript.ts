// The console transcript of a Trace at the replay cursor: commands typed so far, their outputs, live progress frames.
import {
  CLI_POLL_INTERVAL_MS,
  DEFAULT_WAIT_LIMIT_MS,
  type Millis,
  ProgressTracker,
  replayOf,
  type Trace,
} from '../../src/browser.js';
import { TERMINAL_WIDTH } from './session.js';

export interface TranscriptEntry {
  tMs: Millis;
  command: string;
  exitCode: number;
  /** When the command returned (its output's time); equal to tMs for an instant command. */
  endMs: Millis;
  stdout: string;
  stderr: string;
  /** For a command that followed a service's progress: the screen after each poll that changed it. */
  frames: { tMs: Millis; text: string }[] | null;
}

const FOLLOWING = /^docker\s+service\s+(create|update|rollback)\b/;

/** Every command of the trace with its output, in time order. */
export function transcript(trace: Trace): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const ev of replayOf(trace).events) {
    if (ev.type === 'command') {
      entries.push({
        tMs: ev.t_ms,
        command: ev.text,
        exitCode: ev.exitCode,
        endMs: ev.t_ms,
        stdout: '',
        stderr: '',
        frames: null,
      });
    } else if (ev.type === 'output' && entries.length) {
      const entry = entries[entries.length - 1];
      entry.endMs = Math.max(entry.endMs, ev.t_ms);
      if (ev.stream === 'stdout') entry.stdout += ev.text;
      else entry.stderr += ev.text;
    }
  }
  return entries;
}

/** The progress screens a following command showed, rebuilt by polling the replayed state every 200 ms. */
export function progressFrames(trace: Trace, entry: TranscriptEntry): { tMs: Millis; text: string }[] | null {
  const words = entry.command.replace(/\\\n/g, ' ');
  if (entry.endMs <= entry.tMs || !FOLLOWING.test(words) || /\s(-d|--detach|-q|--quiet)(\s|=|$)/.test(words))
    return null;
  const replay = replayOf(trace);
  const spec = replay.events.find(
    (ev) => ev.type === 'service_spec' && ev.t_ms === entry.tMs && ev.action !== 'remove',
  );
  if (spec?.type !== 'service_spec') return null;
  const verify = /verify: Service (\S+) converged/.exec(entry.stdout);
  const serviceArg =
    verify?.[1] ?? (/create/.test(words) ? spec.serviceId : (words.trim().split(/\s+/).at(-1) ?? spec.name));
  const tracker = new ProgressTracker({
    serviceArg,
    serviceId: spec.serviceId,
    tty: true,
    terminalWidth: TERMINAL_WIDTH,
  });
  const frames: { tMs: Millis; text: string }[] = [];
  // The follower gives up after DEFAULT_WAIT_LIMIT_MS: an imported trace claiming a longer wait is not polled past it.
  const endMs = Math.min(entry.endMs, entry.tMs + DEFAULT_WAIT_LIMIT_MS);
  for (let t = entry.tMs; t < endMs + CLI_POLL_INTERVAL_MS; t += CLI_POLL_INTERVAL_MS) {
    const done = tracker.poll(replay.stateAt(t));
    const text = tracker.result().stdout;
    if (frames[frames.length - 1]?.text !== text) frames.push({ tMs: t, text });
    if (done) break;
  }
  const last = frames[frames.length - 1]?.text ?? '';
  const prefix = entry.stdout.endsWith(last) ? entry.stdout.slice(0, entry.stdout.length - last.length) : '';
  return frames.map((frame) => ({ tMs: frame.tMs, text: prefix + frame.text }));
}

/** What the console shows for one entry at the cursor: the output once returned, else the progress screen so far. */
export function visibleOutput(
  trace: Trace,
  entry: TranscriptEntry,
  cursorMs: Millis,
): { stdout: string; stderr: string; running: boolean } {
  if (cursorMs >= entry.endMs) return { stdout: entry.stdout, stderr: entry.stderr, running: false };
  entry.frames ??= progressFrames(trace, entry) ?? [];
  let text = '';
  for (const frame of entry.frames) {
    if (frame.tMs > cursorMs) break;
    text = frame.text;
  }
  return { stdout: text, stderr: '', running: true };
}
