// The service's own spec sent again mid-rollout: UpdateStatus is reset to null, the updater heading for that same spec
// runs on to the last slot (recorded: test/fixtures/conformance/recorded/resend-mid-update), and `wait: settled`
// ends when that updater does, not while it sits in its delay with the status null.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import type { TraceEvent } from '../../src/types.js';

const scenario = (resend: string) =>
  loadScenario(
    [
      'name: resend',
      'seed: 7',
      'cluster: {nodes: 3}',
      'steps:',
      '  - docker service create --name web --replicas 3 nginx:1.25',
      '  - docker service update -d --update-delay 4s --image nginx:latest web',
      '  - wait: 3s',
      `  - ${resend}`,
      '  - wait: settled',
    ].join('\n'),
    'resend.yaml',
  );

const updaterEvents = (events: TraceEvent[]) =>
  events.flatMap((e) => (e.type === 'updater' ? [{ t: e.t_ms, action: e.action }] : []));

describe.each(['docker service scale -d web=3', 'docker service update -d --update-delay 4s --image nginx:latest web'])(
  '%s while the update runs',
  (resend) => {
    const { trace } = runScenario(scenario(resend));
    const updater = updaterEvents(trace.events);

    it('resets UpdateStatus to null for good: no updater writes it again', () => {
      const statuses = trace.events.flatMap((e) => (e.type === 'update_status' ? [e.state] : []));
      expect(statuses).toEqual(['updating', null]);
      expect(trace.services[0].UpdateStatus).toBeUndefined();
    });

    it('replaces every slot, one at a time, 4 s apart, with no second updater started', () => {
      expect(updater.filter((e) => e.action === 'start')).toHaveLength(1);
      expect(updater.filter((e) => e.action === 'slot_start')).toHaveLength(3);
      const running = trace.tasks.filter((t) => t.DesiredState === 'running');
      expect(running.map((t) => t.Spec.ContainerSpec.Image)).toEqual(['nginx:latest', 'nginx:latest', 'nginx:latest']);
    });

    it('settles when the updater ends: the last delay, then the 5 s monitor', () => {
      const last = updater.at(-1)!;
      const monitor = updater.find((e) => e.action === 'monitor_start')!;
      const lastDelay = updater.filter((e) => e.action === 'delay_end').at(-1)!;
      expect(last.action).toBe('monitor_end');
      expect(monitor.t).toBe(lastDelay.t);
      expect(last.t - monitor.t).toBe(5_000);
      expect(trace.duration_ms).toBe(last.t);
    });
  },
);
