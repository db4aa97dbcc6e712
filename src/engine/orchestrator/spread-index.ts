// The scheduler's spread choice as a min-tree: the eligible node with the fewest tasks of the service, then in all.

/**
 * A segment tree over node indices whose root is the node a linear spread scan would pick: the lowest
 * (service count, total count, index) among eligible nodes, or -1 when none is. O(log nodes) per count change.
 */
export class SpreadIndex {
  private readonly size: number;
  private readonly tree: Int32Array;

  constructor(
    private readonly counts: Int32Array,
    private readonly totals: Int32Array,
    eligible: Uint8Array,
  ) {
    let size = 1;
    while (size < eligible.length) size *= 2;
    this.size = size;
    this.tree = new Int32Array(2 * size).fill(-1);
    for (let i = 0; i < eligible.length; i++) if (eligible[i]) this.tree[size + i] = i;
    for (let at = size - 1; at >= 1; at--) this.tree[at] = this.better(this.tree[2 * at], this.tree[2 * at + 1]);
  }

  /** The chosen node index, or -1 when no node is eligible. */
  best(): number {
    return this.tree[1];
  }

  /** Node `index`'s counts changed: re-choose along its path to the root. */
  changed(index: number): void {
    let at = (this.size + index) >> 1;
    while (at >= 1) {
      this.tree[at] = this.better(this.tree[2 * at], this.tree[2 * at + 1]);
      at >>= 1;
    }
  }

  private better(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    const { counts, totals } = this;
    if (counts[a] !== counts[b]) return counts[a] < counts[b] ? a : b;
    if (totals[a] !== totals[b]) return totals[a] < totals[b] ? a : b;
    return Math.min(a, b);
  }
}
