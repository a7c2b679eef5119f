/**
 * Runs `task` once the browser has nothing more urgent to do, for work nobody waits for (prefetching code).
 * Safari has no requestIdleCallback: a plain timeout stands in there. Returns a function that cancels it.
 */
export function whenIdle(task: () => void, timeoutMs = 5000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => {
      cancelIdleCallback(handle);
    };
  }
  const handle = setTimeout(task, 200);
  return () => {
    clearTimeout(handle);
  };
}
