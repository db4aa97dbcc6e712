// Chunks the page fetches on demand: each loaded once, fetched again after a failure, and a failed fetch announced.

/** Dispatched on `window` when a chunk could not be fetched (offline, or the site was redeployed meanwhile). */
export const CHUNK_FAILED = 'swarm-chunk-failed';

/**
 * `load` (a dynamic `import()`) wrapped so that it runs once while it succeeds, and again on the next call after a
 * failure: a rejected import would otherwise stay rejected, and the part of the page it brings would never come. A
 * failure is announced (CHUNK_FAILED) and rethrown to the caller.
 */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = null;
      window.dispatchEvent(new CustomEvent(CHUNK_FAILED, { detail: err instanceof Error ? err.message : String(err) }));
      throw err;
    });
    return loading;
  };
}
