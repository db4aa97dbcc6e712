// A real Swarm 20.10 recording of test/fixtures/conformance/real-traces (its own format) as a swarmlab trace, for
// whatif.
import { readFileSync } from 'node:fs';
import type {
  HealthConfig,
  ServiceSpec,
  TaskState,
  Trace,
  TraceEvent,
  UpdateConfig,
  UpdateState,
} from '../../src/types.js';

interface RealRecording {
  service: string;
  t0Epoch: number;
  images: Record<string, string>;
  scenario: {
    replicas: number;
    image: string;
    create: { UpdateConfig?: UpdateConfig; RollbackConfig?: UpdateConfig };
    actions: { type: 'update' | 'rollback'; image?: string; Healthcheck?: HealthConfig }[];
  };
  actions: { type: 'update' | 'rollback'; t: number }[];
  updateStatus: { t: number; state: string; message: string; startedAt: number | null; completedAt: number | null }[];
  tasks: Record<
    string,
    {
      id: string;
      slot: number;
      image: string;
      createdAt: number;
      history: {
        t: number;
        state: string;
        desired: string;
        ts: number;
        msg: string;
        err: string;
        exitCode: number | null;
      }[];
    }
  >;
  events: {
    t: number;
    type: string;
    action: string;
    task?: string;
    signal?: number;
    exitCode?: number;
    attributes?: Record<string, string>;
  }[];
  end: { t: number };
}

const SERVICE_ID = 'realservice0000000000000001';
const NODE_ID = 'realnode000000000000000001';
const FINAL = new Set(['completed', 'paused', 'rollback_completed', 'rollback_paused']);

/**
 * The recording NAME as the events swarmlab's recorder would have written (daemon times for states, poll times for
 * desired).
 */
export function conformanceTrace(name: string): Trace {
  const real = JSON.parse(readFileSync(`test/fixtures/conformance/real-traces/${name}.json`, 'utf8')) as RealRecording;
  const events: TraceEvent[] = [
    { t_ms: 0, type: 'node', nodeId: NODE_ID, hostname: 'vm', role: 'manager', availability: 'active', state: 'ready' },
  ];
  specEvents(real, events);
  statusEvents(real, events);
  taskEvents(real, events);
  containerEvents(real, events);
  return {
    scenario: `conformance-${name}`,
    seed: 0,
    duration_ms: real.end.t,
    epoch: new Date(real.t0Epoch).toISOString(),
    services: [],
    tasks: [],
    nodes: [],
    events: events
      .map((ev, i) => ({ ev, i }))
      .sort((a, b) => a.ev.t_ms - b.ev.t_ms || a.i - b.i)
      .map(({ ev }) => ev),
  };
}

function specEvents(real: RealRecording, events: TraceEvent[]): void {
  let spec: ServiceSpec = {
    Name: real.service,
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: real.scenario.image }, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: real.scenario.replicas } },
    ...(real.scenario.create.UpdateConfig ? { UpdateConfig: real.scenario.create.UpdateConfig } : {}),
    ...(real.scenario.create.RollbackConfig ? { RollbackConfig: real.scenario.create.RollbackConfig } : {}),
  };
  let previous: ServiceSpec | null = null;
  events.push({
    t_ms: 0,
    type: 'service_spec',
    serviceId: SERVICE_ID,
    name: real.service,
    action: 'create',
    version: 1,
    spec,
    previousSpec: null,
  });
  real.actions.forEach((action, i) => {
    const planned = real.scenario.actions[i];
    let next: ServiceSpec;
    if (action.type === 'rollback' && previous) next = previous;
    else {
      const container = {
        ...spec.TaskTemplate.ContainerSpec,
        Image: planned.image ?? spec.TaskTemplate.ContainerSpec.Image,
      };
      if (planned.Healthcheck) container.Healthcheck = planned.Healthcheck;
      next = { ...spec, TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: container } };
    }
    events.push({
      t_ms: action.t,
      type: 'service_spec',
      serviceId: SERVICE_ID,
      name: real.service,
      action: action.type === 'rollback' ? 'rollback' : 'update',
      version: i + 2,
      spec: next,
      previousSpec: spec,
    });
    previous = spec;
    spec = next;
  });
}

/** UpdateStatus changes, timed by the service event of each transition (exact), else the poll. */
function statusEvents(real: RealRecording, events: TraceEvent[]): void {
  const transitions = real.events.filter((e) => e.type === 'service' && e.attributes?.['updatestate.new']);
  let from = 0;
  for (const status of real.updateStatus) {
    const index = transitions.findIndex((e, i) => i >= from && e.attributes!['updatestate.new'] === status.state);
    if (index >= 0) from = index + 1;
    events.push({
      t_ms: index >= 0 ? transitions[index].t : status.t,
      type: 'update_status',
      serviceId: SERVICE_ID,
      state: status.state as UpdateState,
      message: status.message,
      startedMs: status.startedAt,
      completedMs: FINAL.has(status.state) ? status.completedAt : null,
    });
  }
}

function taskEvents(real: RealRecording, events: TraceEvent[]): void {
  for (const task of Object.values(real.tasks)) {
    events.push({
      t_ms: task.createdAt,
      type: 'task_created',
      taskId: task.id,
      serviceId: SERVICE_ID,
      slot: task.slot,
      nodeId: NODE_ID,
      image: task.image,
      specVersion: 0,
      desired: 'running',
      origin: 'orchestrator',
    });
    let state = 'new';
    let desired = 'running';
    for (const seen of task.history) {
      if (seen.state !== state) {
        state = seen.state;
        const ended = ['failed', 'complete', 'shutdown', 'rejected'].includes(seen.state);
        events.push({
          t_ms: seen.ts,
          type: 'task_state',
          taskId: task.id,
          state: seen.state as TaskState,
          message: seen.msg,
          ...(seen.err ? { err: seen.err } : {}),
          ...(ended && seen.exitCode !== null ? { exitCode: seen.exitCode } : {}),
        });
      }
      if (seen.desired !== desired) {
        desired = seen.desired;
        events.push({ t_ms: seen.t, type: 'task_desired', taskId: task.id, desired: seen.desired as TaskState });
      }
    }
  }
}

function containerEvents(real: RealRecording, events: TraceEvent[]): void {
  for (const e of real.events) {
    if (e.type !== 'container' || !e.task) continue;
    const base = { t_ms: e.t, type: 'container' as const, taskId: e.task };
    if (e.action === 'create' || e.action === 'start') events.push({ ...base, action: e.action });
    else if (e.action === 'kill') events.push({ ...base, action: 'kill', signal: e.signal });
    else if (e.action === 'die') events.push({ ...base, action: 'die', exitCode: e.exitCode });
    else if (e.action.startsWith('health_status: '))
      events.push({
        ...base,
        action: 'health_status',
        health: e.action.endsWith('unhealthy') ? 'unhealthy' : 'healthy',
      });
  }
}
