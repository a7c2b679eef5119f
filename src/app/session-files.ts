import { decodeSamples } from '../core/session/sample-codec';
import type { ImportRefusal } from '../adapters/files/import-refusal';
import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import type { SessionStorage } from '../adapters/storage/session-storage';
import { exportBackupFile } from './session-export';

/** One stored session with every sample, decoded: what the detail screen and the exports work from. */
export async function loadSessionWithSamples(
  store: SessionStorage,
  id: string,
): Promise<SessionWithSamples | undefined> {
  const [meta, parts] = await Promise.all([store.getSession(id), store.loadSamplesBytes(id)]);
  if (!meta) return undefined;
  return { meta, samples: parts.flatMap((bytes) => decodeSamples(bytes)) };
}

export type ImportOutcome =
  | { kind: 'imported'; imported: number; skipped: number }
  | { kind: 'refused'; refusal: ImportRefusal }
  | { kind: 'storage-failed' };

/** The largest file any import reads into memory; the parsers check their own, finer limits after. */
export const maxImportBytes = 100_000_000;

/**
 * Reads a JSON backup or a FIT file from another device, validates all of it off the main thread
 * (adapters/files/import-reading.ts), and stores it in one transaction: sessions already here (by id) are kept as
 * they are, and a bad file writes nothing.
 */
export async function importSessionFile(store: SessionStorage, file: File): Promise<ImportOutcome> {
  // Refuse a huge file before reading it into memory; the parsers check their own, finer limits after.
  if (file.size > maxImportBytes)
    return { kind: 'refused', refusal: { code: 'file-too-large', maxMegabytes: maxImportBytes / 1e6 } };
  const { readImportFile } = await import('../adapters/files/import-worker-client');
  const reading = await readImportFile({ kind: 'sessions', file, fileName: file.name });
  if (!reading.ok) return { kind: 'refused', refusal: reading.refusal };
  try {
    const result = await store.importSessions(reading.items);
    return { kind: 'imported', imported: result.imported.length, skipped: result.skipped.length };
  } catch {
    return { kind: 'storage-failed' };
  }
}

/** One backup file with every stored session and its samples, shared or downloaded. */
export async function exportEverySession(store: SessionStorage): Promise<void> {
  const sessions = [];
  for (const entry of await store.listHistory()) {
    const session = await loadSessionWithSamples(store, entry.id);
    if (session) sessions.push(session);
  }
  await exportBackupFile(sessions);
}
