// Container starts in progress on each node: a start that begins while others run on the same node waits behind them.
import type { Millis, TimingProfile } from '../types.js';
import type { SeededRandom } from './random.js';

/** Starts one node can have in progress at once before the simulation is surely wrong (a 100,000-replica create). */
const MAX_STARTS_PER_NODE = 200_000;

/** End times (virtual ms) of the container starts under way on each node, ascending. */
export class StartQueue {
  private readonly endsByNode = new Map<string, Millis[]>();

  constructor(
    private readonly random: SeededRandom,
    private readonly timing: TimingProfile,
  ) {}

  /**
   * A container start beginning on `nodeId` at `nowMs` that takes `containerStartMs` by itself: what the starts already
   * under way there add to it (`concurrent_start` each, drawn once for all of them), this start counted from now on.
   * A profile without it (0) neither counts nor draws.
   */
  begin(nodeId: string | null, nowMs: Millis, containerStartMs: Millis): Millis {
    if (nodeId === null || this.timing.concurrentStartMs === 0) return 0;
    const others = this.inProgress(nodeId, nowMs);
    const extraMs = others === 0 ? 0 : others * this.random.span(this.timing.concurrentStartMs);
    this.add(nodeId, nowMs + containerStartMs + extraMs);
    return extraMs;
  }

  /** How many starts on `nodeId` are still under way at `nowMs` (finished ones are forgotten). */
  inProgress(nodeId: string, nowMs: Millis): number {
    const ends = this.endsByNode.get(nodeId);
    if (!ends) return 0;
    let done = 0;
    while (done < ends.length && ends[done] <= nowMs) done++;
    if (done > 0) ends.splice(0, done);
    return ends.length;
  }

  /** A start on `nodeId` that ends at `endMs`. */
  add(nodeId: string, endMs: Millis): void {
    let ends = this.endsByNode.get(nodeId);
    if (!ends) this.endsByNode.set(nodeId, (ends = []));
    if (ends.length >= MAX_STARTS_PER_NODE)
      throw new Error(`more than ${MAX_STARTS_PER_NODE} starts under way on one node`);
    let at = ends.length;
    while (at > 0 && ends[at - 1] > endMs) at--;
    ends.splice(at, 0, endMs);
  }
}
