// Short arrays used as sets (a task's pending timers, its watchers): removal in place, order kept.

/** Removes `item` from a short list, keeping the order, without the array `splice` allocates for what it removed. */
export function removeItem<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at < 0) return;
  for (let i = at + 1; i < list.length; i++) list[i - 1] = list[i];
  list.length--;
}
