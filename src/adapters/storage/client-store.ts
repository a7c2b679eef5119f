import type { ClientRecord } from '../../core/clients/client-record';
import { openCalmRunDb, type CalmRunDatabase } from './calm-run-db';
import { checkClientRecord } from './client-record-schema';
import { runTransaction } from './run-transaction';
import { StorageError } from './storage-errors';

/** A stored record that no longer reads as a client record: kept in place, reported, never silently dropped. */
export interface DamagedClientRecord {
  runnerId: string;
  reason: string;
}

export interface ClientRecords {
  records: ClientRecord[];
  damaged: DamagedClientRecord[];
}

/** Client records in IndexedDB (`clients`, keyed by the runner profile's id). */
export class ClientStore {
  readonly #db: CalmRunDatabase;

  constructor(db: CalmRunDatabase) {
    this.#db = db;
  }

  static async open(name?: string): Promise<ClientStore> {
    return new ClientStore(await openCalmRunDb(name));
  }

  close(): void {
    this.#db.close();
  }

  async list(): Promise<ClientRecords> {
    const values: unknown[] = await runTransaction(this.#db, ['clients'], 'readonly', (tx) =>
      tx.objectStore('clients').getAll(),
    );
    const result: ClientRecords = { records: [], damaged: [] };
    for (const value of values) {
      const check = checkClientRecord(value);
      if (check.ok) result.records.push(check.record);
      else result.damaged.push({ runnerId: runnerIdOf(value), reason: check.reason });
    }
    return result;
  }

  /** The record, undefined when there is none; a damaged record rejects with a StorageError 'corrupt-data'. */
  async get(runnerId: string): Promise<ClientRecord | undefined> {
    const value: unknown = await runTransaction(this.#db, ['clients'], 'readonly', (tx) =>
      tx.objectStore('clients').get(runnerId),
    );
    if (value === undefined) return undefined;
    const check = checkClientRecord(value);
    if (!check.ok)
      throw new StorageError('corrupt-data', `The client record of ${runnerId} is damaged: ${check.reason}`);
    return check.record;
  }

  /** Validates, then writes the record whole (replacing that runner's record). */
  put(record: ClientRecord): Promise<void> {
    const check = checkClientRecord(record);
    if (!check.ok) {
      return Promise.reject(new StorageError('invalid-data', `Client record not saved: ${check.reason}`));
    }
    return runTransaction(this.#db, ['clients'], 'readwrite', async (tx) => {
      await tx.objectStore('clients').put(check.record);
    });
  }

  delete(runnerId: string): Promise<void> {
    return runTransaction(this.#db, ['clients'], 'readwrite', async (tx) => {
      await tx.objectStore('clients').delete(runnerId);
    });
  }
}

function runnerIdOf(value: unknown): string {
  if (
    typeof value === 'object' &&
    value !== null &&
    'runnerId' in value &&
    typeof value.runnerId === 'string'
  ) {
    return value.runnerId;
  }
  return '';
}
