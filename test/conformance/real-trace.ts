// Reads a recording of test/fixtures/conformance/real-traces and a simulated Trace into the same comparable facts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Trace } from '../../src/types.js';

export const SHARED_CONFORMANCE = resolve(process.cwd(), 'test/fixtures/conformance');
export const RECORDINGS = [
  'update-default',
  'update-p2-d3',
  'update-start-first',
  'fail-pause',
  'fail-rollback',
  'manual-rollback',
  'unhealthy',
  'slow-start',
  'fast-stop',
];
const TERMINAL = new Set(['completed', 'paused', 'rollback_completed', 'rollback_paused']);

export interface Facts {
  finalState: string;
  /** The message with the task ID replaced by `<task>`. */
  finalMessage: string;
  /** Image tag of each slot's newest task (a crash-looping slot is caught at no particular moment of its loop). */
  imagesBySlot: Record<number, string>;
  tasksPerImage: Record<string, number>;
  /** For each update/rollback action: ms from the action to the terminal UpdateStatus it led to. */
  actionDurationsMs: number[];
  previousSpecImage: string | null;
}

const normalize = (message: string) => message.replace(/\b[a-z0-9]{25}\b/g, '<task>');
const tag = (image: string) => image.replace(/^sandbox\//, '');

interface RealTrace {
  actions: { type: string; t: number }[];
  events: { t: number; type: string; attributes?: Record<string, string> }[];
  tasks: Record<string, { slot: number; image: string; createdAt: number }>;
  tasksPerImage: Record<string, number>;
  finalService: { UpdateStatus: { State: string; Message: string }; previousSpecImage: string | null };
}

export function realFacts(name: string): Facts {
  const trace = JSON.parse(
    readFileSync(resolve(SHARED_CONFORMANCE, 'real-traces', `${name}.json`), 'utf8'),
  ) as RealTrace;
  const imagesBySlot: Record<number, string> = {};
  const newest = new Map<number, number>();
  for (const task of Object.values(trace.tasks)) {
    if ((newest.get(task.slot) ?? -1) > task.createdAt) continue;
    newest.set(task.slot, task.createdAt);
    imagesBySlot[task.slot] = tag(task.image);
  }
  const tasksPerImage: Record<string, number> = {};
  for (const [image, count] of Object.entries(trace.tasksPerImage)) tasksPerImage[tag(image)] = count;
  const terminal = trace.events
    .filter((e) => e.type === 'service' && TERMINAL.has(e.attributes?.['updatestate.new'] ?? ''))
    .map((e) => e.t);
  const actionDurationsMs = trace.actions.map((action) => terminal.find((t) => t > action.t)! - action.t);
  return {
    finalState: trace.finalService.UpdateStatus.State,
    finalMessage: normalize(trace.finalService.UpdateStatus.Message),
    imagesBySlot,
    tasksPerImage,
    actionDurationsMs,
    previousSpecImage: trace.finalService.previousSpecImage ? tag(trace.finalService.previousSpecImage) : null,
  };
}

export function simulatedFacts(trace: Trace, serviceName: string): Facts {
  const service = trace.services.find((s) => s.Spec.Name === serviceName)!;
  const imagesBySlot: Record<number, string> = {};
  const tasksPerImage: Record<string, number> = {};
  const actions: number[] = [];
  const terminal: number[] = [];
  for (const event of trace.events) {
    if (event.type === 'task_created' && event.serviceId === service.ID) {
      tasksPerImage[tag(event.image)] = (tasksPerImage[tag(event.image)] ?? 0) + 1;
      imagesBySlot[event.slot] = tag(event.image);
    } else if (event.type === 'command' && /^docker service (update|rollback)\b/.test(event.text)) {
      actions.push(event.t_ms);
    } else if (
      event.type === 'update_status' &&
      event.serviceId === service.ID &&
      event.state &&
      TERMINAL.has(event.state)
    ) {
      terminal.push(event.t_ms);
    }
  }
  return {
    finalState: service.UpdateStatus?.State ?? 'none',
    finalMessage: normalize(service.UpdateStatus?.Message ?? ''),
    imagesBySlot,
    tasksPerImage,
    actionDurationsMs: actions.map((t) => terminal.find((end) => end > t)! - t),
    previousSpecImage: service.PreviousSpec ? tag(service.PreviousSpec.TaskTemplate.ContainerSpec.Image) : null,
  };
}
