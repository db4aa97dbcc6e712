// The worker thread of the real backend: owns the Engine API client and the recorder; answers the main thread's calls.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { ServiceSpec } from '../types.js';
import { type ConnectRequest, SwarmDaemon } from './daemon-ops.js';

export interface WorkerData {
  /**
   * Int32 flags: [0] set to 1 when a reply is posted (the main thread waits on it); [1] set to 1 once the daemon
   * failed.
   */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

export type WorkerCall =
  | { op: 'connect'; request: ConnectRequest }
  | { op: 'state' }
  | { op: 'events'; from: number }
  | { op: 'createService'; spec: ServiceSpec }
  | { op: 'updateService'; idOrName: string; spec: ServiceSpec; rollback: boolean }
  | { op: 'removeService'; idOrName: string }
  | { op: 'killContainer'; taskIdPrefix: string; exitCode?: number }
  | { op: 'logs'; idOrName: string }
  | { op: 'finish'; cleanup: boolean; traceFile?: string };

export type WorkerReply = { ok: true; result: unknown } | { ok: false; name: string; message: string };

const { signal, port } = workerData as WorkerData;
const flag = new Int32Array(signal);
let daemon: SwarmDaemon | null = null;

async function handle(call: WorkerCall): Promise<unknown> {
  if (call.op === 'connect') {
    daemon = await SwarmDaemon.connect(call.request);
    daemon.recorder.onFailure = () => {
      Atomics.store(flag, 1, 1);
      Atomics.notify(flag, 1);
    };
    return { startEpochMs: daemon.recorder.startEpochMs };
  }
  if (!daemon) throw new Error('not connected');
  const failure = daemon.recorder.failure;
  if (failure && call.op !== 'finish' && call.op !== 'events') throw failure;
  const recorder = daemon.recorder;
  switch (call.op) {
    case 'state':
      return {
        nowMs: recorder.nowMs(),
        services: [...recorder.services.values()],
        tasks: [...recorder.tasks.values()],
        nodes: [...recorder.nodes.values()],
        lastTaskChangeMs: recorder.lastTaskChangeMs,
        lastControlChangeMs: recorder.lastControlChangeMs,
      };
    case 'events':
      return recorder.events.slice(call.from);
    case 'createService':
      return daemon.createService(call.spec);
    case 'updateService':
      return daemon.updateService(call.idOrName, call.spec, call.rollback);
    case 'removeService':
      return daemon.removeService(call.idOrName);
    case 'killContainer':
      return daemon.killContainer(call.taskIdPrefix, call.exitCode);
    case 'logs':
      return daemon.logs(call.idOrName);
    case 'finish': {
      await recorder.stop();
      return call.cleanup ? daemon.cleanup() : [];
    }
  }
}

port.on('message', (call: WorkerCall) => {
  handle(call)
    .then(
      (result): WorkerReply => ({ ok: true, result }),
      (err: Error): WorkerReply => ({ ok: false, name: err?.name ?? 'Error', message: err?.message ?? String(err) }),
    )
    .then((reply) => {
      port.postMessage(reply);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
});
parentPort?.postMessage('ready');
