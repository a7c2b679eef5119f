import type { IDBPTransaction } from 'idb';
import type { CalmRunDB, CalmRunDatabase, CalmRunStoreName } from './calm-run-db';
import { toStorageError } from './storage-errors';

/**
 * Runs `body` in one transaction and resolves once it has committed. Any failure (a throw in `body`, a failed
 * request, an abort at commit such as a full disk) aborts the whole transaction, so nothing of it is written, and
 * rejects with a StorageError. `body` must only await requests of `tx`, or the transaction closes under it.
 */
export async function runTransaction<
  Names extends CalmRunStoreName[],
  Mode extends 'readonly' | 'readwrite',
  Result,
>(
  db: CalmRunDatabase,
  storeNames: Names,
  mode: Mode,
  body: (tx: IDBPTransaction<CalmRunDB, Names, Mode>) => Promise<Result>,
): Promise<Result> {
  let tx: IDBPTransaction<CalmRunDB, Names, Mode>;
  try {
    tx = db.transaction(storeNames, mode);
  } catch (error) {
    throw toStorageError(error);
  }
  try {
    // Awaiting `done` alongside `body` also consumes its rejection when `body` fails first.
    const [result] = await Promise.all([body(tx), tx.done]);
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or committed: nothing left to undo.
    }
    throw toStorageError(error, tx.error);
  }
}
