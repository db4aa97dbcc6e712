// The machine's floor for the engine: the same number of events through a bare binary-heap timer loop.

/**
 * Fires `events` timers from a heap that holds `liveTimers` pending ones (each fired timer sets a new one, as a
 * task's next step does), with no work per event: wall ms. The heap compares (due, seq) like the virtual clock.
 */
export function bareHeapLoopMs(events: number, liveTimers: number): number {
  const due = new Float64Array(liveTimers + 1);
  const seq = new Float64Array(liveTimers + 1);
  const heap = new Int32Array(liveTimers + 1);
  let size = 0;
  let nextSeq = 0;
  let state = 0x9e3779b9;
  const draw = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const earlier = (a: number, b: number) => due[a] < due[b] || (due[a] === due[b] && seq[a] < seq[b]);
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i], heap[parent])) break;
      const t = heap[i];
      heap[i] = heap[parent];
      heap[parent] = t;
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < size && earlier(heap[left], heap[smallest])) smallest = left;
      if (right < size && earlier(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) return;
      const t = heap[i];
      heap[i] = heap[smallest];
      heap[smallest] = t;
      i = smallest;
    }
  };
  const started = performance.now();
  for (let slot = 0; slot < liveTimers; slot++) {
    due[slot] = draw() * 1000;
    seq[slot] = nextSeq++;
    heap[size++] = slot;
    siftUp(size - 1);
  }
  let fired = 0;
  let nowMs = 0;
  while (fired < events && size > 0) {
    const slot = heap[0];
    nowMs = due[slot];
    fired++;
    due[slot] = nowMs + draw() * 1000;
    seq[slot] = nextSeq++;
    siftDown(0);
  }
  return performance.now() - started;
}
