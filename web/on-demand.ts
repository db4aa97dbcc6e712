// Chunks the page fetches on demand: each loaded once, fetched again after a failure, and a failed fetch announced;
// or fetched ahead in the background, quietly.

/** Dispatched on `window` when a chunk could not be fetched (offline, or the site was redeployed meanwhile). */
export const CHUNK_FAILED = 'swarm-chunk-failed';

/** A chunk's loader, and its quiet fetch ahead of need. */
export interface OnDemand<T> {
  (): Promise<T>;
  /**
   * Fetches it in the background: a failure says nothing (the next call fetches again, and says so when it fails);
   * resolves either way once settled. Nothing waits for it: a module fetched once is in the browser's module map.
   */
  prefetch(): Promise<void>;
}

/**
 * `load` (a dynamic `import()`) wrapped so that it runs once while it succeeds, and again on the next call after a
 * failure: a rejected import would otherwise stay rejected, and the part of the page it brings would never come. A
 * failure is announced (CHUNK_FAILED) and rethrown to the caller.
 */
export function onDemand<T>(load: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | null = null;
  const get = () => {
    loading ??= load().catch((err: unknown) => {
      loading = null;
      window.dispatchEvent(new CustomEvent(CHUNK_FAILED, { detail: err instanceof Error ? err.message : String(err) }));
      throw err;
    });
    return loading;
  };
  get.prefetch = () =>
    load().then(
      () => undefined,
      () => undefined,
    );
  return get;
}
