/**
 * Asks the browser to keep this origin's storage when the disk runs low, so recorded runs are not evicted. The app
 * shows a one-line reason next to the request; Chromium decides by its own heuristics, without a prompt.
 */
export type PersistentStorageResult = 'granted' | 'denied' | 'unsupported';

/** The part of navigator.storage this needs. */
export type PersistenceManager = Pick<StorageManager, 'persist' | 'persisted'>;

function defaultManager(): Partial<PersistenceManager> | undefined {
  // Typed as always there, but older browsers (and Node) have no navigator.storage or no persist().
  const nav = globalThis.navigator as Partial<Navigator> | undefined;
  return nav?.storage;
}

export async function requestPersistentStorage(
  manager: Partial<PersistenceManager> | undefined = defaultManager(),
): Promise<PersistentStorageResult> {
  if (manager?.persist === undefined || manager.persisted === undefined) return 'unsupported';
  try {
    // Asking again once granted is harmless, but persisted() answers without any heuristics running.
    if (await manager.persisted()) return 'granted';
    return (await manager.persist()) ? 'granted' : 'denied';
  } catch {
    // A browser that refuses to answer (a document no longer active, a locked-down profile) has not granted it.
    return 'denied';
  }
}
