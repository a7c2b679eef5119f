import { encodeSamples, decodeSamples } from '../core/session/sample-codec';
import { summarizeSession } from '../core/session/session-summary';
import type { SampleChunk } from '../core/session/session-model';
import type { ImportRefusal } from '../adapters/files/import-refusal';
import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import type { ImportItem, SessionStorage } from '../adapters/storage/session-storage';
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

/** FIT files start with a header whose bytes 8-11 spell ".FIT". */
function looksLikeFit(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(8, 12)) === '.FIT';
}

/**
 * Reads a JSON backup or a FIT file from another device, validates all of it, and stores it in one transaction:
 * sessions already here (by id) are kept as they are, and a bad file writes nothing.
 */
export async function importSessionFile(store: SessionStorage, file: File): Promise<ImportOutcome> {
  // Refuse a huge file before reading it into memory; the parsers check their own, finer limits after.
  if (file.size > maxImportBytes)
    return { kind: 'refused', refusal: { code: 'file-too-large', maxMegabytes: maxImportBytes / 1e6 } };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let sessions: SessionWithSamples[];
  if (looksLikeFit(bytes) || file.name.toLowerCase().endsWith('.fit')) {
    const { importFit } = await import('../adapters/files/fit-import');
    const result = importFit(bytes);
    if (!result.ok) return { kind: 'refused', refusal: result.refusal };
    sessions = [result.session];
  } else {
    const { parseBackupBytes } = await import('../adapters/files/backup');
    const result = parseBackupBytes(bytes);
    if (!result.ok) return { kind: 'refused', refusal: result.refusal };
    sessions = result.sessions;
  }
  const items = sessions.map(toImportItem);
  try {
    const result = await store.importSessions(items);
    return { kind: 'imported', imported: result.imported.length, skipped: result.skipped.length };
  } catch {
    return { kind: 'storage-failed' };
  }
}

/**
 * A validated session as the store imports it: its summary (computed when the file had none) and its samples as
 * one chunk in the store's codec.
 */
export function toImportItem({ meta, samples }: SessionWithSamples): ImportItem {
  const summary = meta.summary ?? summarizeSession(meta, samples);
  const chunks: SampleChunk[] =
    samples.length === 0
      ? []
      : [
          {
            sessionId: meta.id,
            seq: 0,
            firstElapsedMs: samples[0]?.elapsedMs ?? 0,
            lastElapsedMs: samples.at(-1)?.elapsedMs ?? 0,
            sampleCount: samples.length,
            bytes: encodeSamples(samples),
          },
        ];
  return { meta: { ...meta, summary }, chunks };
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
