import { deleteDB } from 'idb';
import { defaultCalmRunDbName } from './calm-run-db';

/**
 * Deletes the sessions database, then everything in this site's localStorage and sessionStorage. Other tabs close
 * their connection when asked (see `blocking` in calm-run-db); one that does not makes the browser wait, and
 * `onBlocked` lets the user know which step is waiting. The browser deletes the database whole or not at all, and
 * the small stores are cleared only after it, so a failure leaves everything as it was.
 */
export async function eraseDeviceData(
  onBlocked: () => void,
  databaseName = defaultCalmRunDbName,
): Promise<void> {
  await deleteDB(databaseName, { blocked: onBlocked });
  clearWebStorage(globalThis.localStorage);
  clearWebStorage(globalThis.sessionStorage);
}

function clearWebStorage(storage: Storage | undefined): void {
  try {
    storage?.clear();
  } catch {
    // Storage switched off: there is nothing in it to erase.
  }
}

const erasedFlagKey = 'calm-run.just-erased';

/** Leaves one word for the restarted app, so it can say that everything was erased. */
export function markJustErased(): void {
  try {
    sessionStorage.setItem(erasedFlagKey, '1');
  } catch {
    // Without storage the restarted app simply says nothing.
  }
}

/** True once after a restart that followed "erase everything". */
export function takeJustErased(): boolean {
  try {
    const erased = sessionStorage.getItem(erasedFlagKey) === '1';
    sessionStorage.removeItem(erasedFlagKey);
    return erased;
  } catch {
    return false;
  }
}
