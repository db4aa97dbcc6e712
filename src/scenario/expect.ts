// A scenario's `expect:` block checked against the cluster state at the end of the run.
import type { ClusterState, Service } from '../types.js';
import type { ScenarioExpect } from './types.js';

/**
 * What was expected and not seen, one sentence each; empty when every expectation holds.
 * - `update_message` may hold `*`, matching any text (a task ID).
 * - `running_images` counts the service's tasks that run (current state running, desired state running); an image
 *   not listed is not checked, so list one with 0 to require that none runs.
 */
export function checkExpectations(expect: ScenarioExpect, state: ClusterState): string[] {
  const wantsService =
    expect.update_status !== undefined ||
    expect.update_message !== undefined ||
    expect.running_images !== undefined ||
    expect.previous_spec !== undefined;
  if (!wantsService && expect.service === undefined) return [];
  const found = findService(expect.service, state);
  if (typeof found === 'string') return [found];
  const service = found;
  const unmet: string[] = [];
  const name = service.Spec.Name;

  if (expect.update_status !== undefined) {
    const seen = service.UpdateStatus?.State ?? null;
    if (seen !== expect.update_status) {
      unmet.push(
        `${name}: update_status: expected ${expect.update_status ?? 'none'}, ` +
          `saw ${seen ?? 'none'}${messageNote(service)}`,
      );
    }
  }
  if (expect.update_message !== undefined) {
    const seen = service.UpdateStatus?.Message;
    if (seen === undefined || !globMatches(expect.update_message, seen)) {
      unmet.push(
        `${name}: update_message: expected "${expect.update_message}", ` +
          `saw ${seen === undefined ? 'no update status' : `"${seen}"`}`,
      );
    }
  }
  if (expect.previous_spec !== undefined) {
    const seen = service.PreviousSpec ? 'present' : 'none';
    if (seen !== expect.previous_spec) {
      const detail = service.PreviousSpec ? ` (image ${service.PreviousSpec.TaskTemplate.ContainerSpec.Image})` : '';
      unmet.push(`${name}: previous_spec: expected ${expect.previous_spec}, saw ${seen}${detail}`);
    }
  }
  if (expect.running_images !== undefined) {
    const running = runningImages(service, state);
    const wrong = Object.entries(expect.running_images).filter(([image, count]) => (running.get(image) ?? 0) !== count);
    if (wrong.length > 0) {
      const expected = wrong.map(([image, count]) => `${image}: ${count}`).join(', ');
      const seen = running.size
        ? [...running]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([image, count]) => `${image}: ${count}`)
            .join(', ')
        : 'no running task';
      unmet.push(`${name}: running_images: expected {${expected}}, saw {${seen}}`);
    }
  }
  return unmet;
}

function findService(ref: string | undefined, state: ClusterState): Service | string {
  if (ref === undefined) {
    if (state.services.length === 1) return state.services[0];
    const names = state.services.map((s) => s.Spec.Name).join(', ');
    return state.services.length === 0
      ? 'expected a service, saw none'
      : `expect: service: is needed when the cluster has several services (saw ${names})`;
  }
  const service = state.services.find((s) => s.Spec.Name === ref || s.ID === ref);
  if (service) return service;
  const names = state.services.map((s) => s.Spec.Name).join(', ');
  return `service ${ref}: expected it to exist, saw ${names ? `only ${names}` : 'no service'}`;
}

function messageNote(service: Service): string {
  return service.UpdateStatus?.Message ? ` ("${service.UpdateStatus.Message}")` : '';
}

/** Image → number of the service's running tasks, in first-seen order; the digest of a pinned image is dropped. */
export function runningImages(service: Service, state: ClusterState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of state.tasks) {
    if (task.ServiceID !== service.ID || task.Status.State !== 'running' || task.DesiredState !== 'running') continue;
    const image = task.Spec.ContainerSpec.Image.replace(/@sha256:[0-9a-f]+$/, '');
    counts.set(image, (counts.get(image) ?? 0) + 1);
  }
  return counts;
}

/** `*` matches any run of characters; everything else literally. */
export function globMatches(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's');
  return regex.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
