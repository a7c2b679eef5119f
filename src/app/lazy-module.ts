import { whenIdle } from '../adapters/platform/when-idle';

/**
 * Code fetched the first time it is needed, then kept. `current` is there synchronously once loaded, so a screen
 * opened a second time (or after a prefetch) renders in the same frame as the route change, without a blank.
 */
export interface LazyModule<T> {
  readonly current: T | undefined;
  /** Starts loading, or returns the load in flight; a failed load is forgotten, so the next call tries again. */
  load(): Promise<T>;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let current: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    get current() {
      return current;
    },
    load() {
      pending ??= importer().then(
        (value) => (current = value),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}

/**
 * Loads `modules` once the browser has nothing more urgent to do, so the taps that open them are instant. A failed
 * prefetch is silent: opening the module tries again and says so if it fails. Returns a function that cancels it.
 */
export function prefetchWhenIdle(modules: readonly LazyModule<unknown>[]): () => void {
  return whenIdle(() => {
    for (const module of modules) module.load().catch(() => undefined);
  });
}
