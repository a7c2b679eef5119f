/**
 * Only one tab records at a time. The lock is held for as long as the recording runs and released by the browser
 * if the tab closes or crashes, so a stale lock never blocks the next run.
 */
export const recordingLockName = 'calm-run-recording';

/**
 * Each runner's run of a group also holds a lock of its own, so a session interrupted by a reload is carried on
 * by one tab only, while the tab's lock above keeps other tabs from starting runs.
 */
export function sessionLockName(sessionId: string): string {
  return `${recordingLockName}/${sessionId}`;
}

export interface RecordingLock {
  /** Lets another tab record. Calling it again does nothing. */
  release(): void;
}

export type RecordingLockResult = RecordingLock | 'held-elsewhere' | 'unsupported';

/** The part of navigator.locks this needs. */
export interface LockRequester {
  request(
    name: string,
    options: LockOptions,
    callback: (lock: Lock | null) => Promise<void> | void,
  ): Promise<unknown>;
}

function defaultLocks(): LockRequester | undefined {
  // Typed as always there, but Safari before 15.4 and Node have no navigator.locks.
  const nav = globalThis.navigator as Partial<Navigator> | undefined;
  return nav?.locks;
}

export function acquireRecordingLock(
  locks: LockRequester | undefined = defaultLocks(),
  name: string = recordingLockName,
): Promise<RecordingLockResult> {
  if (locks === undefined) return Promise.resolve('unsupported');
  return new Promise((resolve) => {
    let settled = false;
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        settled = true;
        if (lock === null) {
          resolve('held-elsewhere');
          return;
        }
        // The lock lasts until the promise returned here settles, that is until release().
        return new Promise<void>((releaseLock) => {
          resolve({ release: () => releaseLock() });
        });
      })
      .catch(() => {
        // request() itself failed (an opaque origin, a document being unloaded): recording goes on without a lock.
        if (!settled) resolve('unsupported');
      });
  });
}

/** The part of navigator.locks that tells which locks are held. */
export interface LockQuerier {
  query(): Promise<LockManagerSnapshot>;
}

/** Whether some tab of this app records now (this one included); false when the browser cannot tell. */
export async function isRecordingLockHeld(
  locks: LockQuerier | undefined = (globalThis.navigator as Partial<Navigator> | undefined)?.locks,
): Promise<boolean> {
  if (locks === undefined) return false;
  try {
    const snapshot = await locks.query();
    return (snapshot.held ?? []).some((lock) => lock.name === recordingLockName);
  } catch {
    return false;
  }
}
