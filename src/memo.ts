// Bounded memo tables for pure functions the views and renderers call with the same few keys over and over.

/** `fn` cached by its argument; when `limit` keys are held the table starts afresh (no unbounded growth). */
export function memoize<K, V>(fn: (key: K) => V, limit: number): (key: K) => V {
  const table = new Map<K, V>();
  return (key) => {
    let value = table.get(key);
    if (value === undefined && !table.has(key)) {
      if (table.size >= limit) table.clear();
      table.set(key, (value = fn(key)));
    }
    return value as V;
  };
}
