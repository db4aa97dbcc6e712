// What a trace shows of each image of a service: per task, when its container started, became healthy, crashed or was
// stopped.

import { hasEnded, isAfterRunning } from '../../task-states.js';
import { foldTrace } from '../../trace/fold.js';
import type { Millis, Trace } from '../../types.js';

/** One task's life as the trace shows it (container events where the trace has them, task states otherwise). */
export interface TaskLife {
  taskId: string;
  image: string;
  slot: number;
  createdMs: Millis;
  startingMs: Millis | null;
  /** The container `start` event (else the task reaching `running`). */
  containerStartMs: Millis | null;
  runningMs: Millis | null;
  healthyMs: Millis | null;
  unhealthyMs: Millis | null;
  /** Told to stop (desired state past running) and when. */
  stopAskedMs: Millis | null;
  /** Signals the container got (15 SIGTERM, 9 SIGKILL) with their times. */
  kills: { signal: number; tMs: Millis }[];
  /** The container ended: when and its exit code (die event, else the task's end state). */
  endMs: Millis | null;
  exitCode: number | null;
  /** How it ended: `complete`, `shutdown`, `failed` or `rejected`. */
  endState: string | null;
}

/** Every task of `serviceId` in creation order, with what happened to it. */
export function taskLives(trace: Trace, serviceId: string): TaskLife[] {
  const lives = new Map<string, TaskLife>();
  foldTrace(trace, (_state, ev) => {
    if (ev.type === 'task_created') {
      if (ev.serviceId !== serviceId) return;
      lives.set(ev.taskId, newLife(ev.taskId, ev.image, ev.slot, ev.t_ms));
      return;
    }
    const life = 'taskId' in ev && ev.taskId ? lives.get(ev.taskId) : undefined;
    if (!life) return;
    if (ev.type === 'task_state') {
      if (ev.state === 'starting') life.startingMs ??= ev.t_ms;
      if (ev.state === 'running') {
        life.runningMs ??= ev.t_ms;
        life.containerStartMs ??= ev.t_ms;
      }
      if (hasEnded(ev.state) && life.endState === null) {
        life.endState = ev.state;
        life.endMs ??= ev.t_ms;
        if (ev.exitCode !== undefined) life.exitCode ??= ev.exitCode;
      }
    } else if (ev.type === 'task_desired' && isAfterRunning(ev.desired)) life.stopAskedMs ??= ev.t_ms;
    else if (ev.type === 'container') containerEvent(life, ev);
  });
  return [...lives.values()];
}

function newLife(taskId: string, image: string, slot: number, createdMs: Millis): TaskLife {
  return {
    taskId,
    image,
    slot,
    createdMs,
    startingMs: null,
    containerStartMs: null,
    runningMs: null,
    healthyMs: null,
    unhealthyMs: null,
    stopAskedMs: null,
    kills: [],
    endMs: null,
    exitCode: null,
    endState: null,
  };
}

function containerEvent(
  life: TaskLife,
  ev: { t_ms: Millis; action: string; signal?: number; exitCode?: number; health?: string },
): void {
  if (ev.action === 'start' && life.containerStartMs === null) life.containerStartMs = ev.t_ms;
  else if (ev.action === 'kill' && ev.signal !== undefined) life.kills.push({ signal: ev.signal, tMs: ev.t_ms });
  else if (ev.action === 'die') {
    life.endMs = ev.t_ms;
    if (ev.exitCode !== undefined) life.exitCode = ev.exitCode;
  } else if (ev.action === 'health_status') {
    if (ev.health === 'healthy') life.healthyMs ??= ev.t_ms;
    else if (ev.health === 'unhealthy') life.unhealthyMs ??= ev.t_ms;
  }
}

/** The middle value (the lower middle for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
