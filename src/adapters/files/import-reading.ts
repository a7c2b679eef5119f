import type { ClientRecord } from '../../core/clients/client-record';
import type { RunnerProfile } from '../../core/zones/runner-profile';
import type { ImportItem } from '../storage/session-storage';
import type { ClientFileExpectations } from './client-file';
import type { Refusal } from './session-with-samples';

/**
 * Reading a file picked for an import, from its bytes to the sessions as the store takes them: text decoding,
 * size and nesting checks, JSON.parse, the schemas, FIT decoding, summaries and the sample codec. All of it is pure
 * and, for a large file, takes seconds: the page runs it in a worker (import-worker-client.ts), tests call it here.
 * The storage writes and the merge decisions stay with the page.
 */
export type ImportReadRequest =
  /** A backup or a FIT file, for the History screen. */
  | { kind: 'sessions'; file: Blob; fileName: string }
  /** One client's file (client-file.ts). */
  | { kind: 'client'; file: Blob; expectations: ClientFileExpectations };

export type SessionFileReading = { ok: true; items: ImportItem[] } | Refusal;

/** A client file read whole: each session ready to store, with the key of its content as it will be stored. */
export interface ClientFileContent {
  profile: RunnerProfile;
  record: ClientRecord;
  sessions: ClientFileSession[];
}

export interface ClientFileSession {
  item: ImportItem;
  /** sessionContentKey of the session as it will be stored: with the summary the import gives it. */
  contentKey: string;
}

export type ClientFileReading = { ok: true; file: ClientFileContent } | Refusal;

/** What each kind of request reads into. */
export interface ImportReadings {
  sessions: SessionFileReading;
  client: ClientFileReading;
}

export type ImportReading = ImportReadings[keyof ImportReadings];

/** Reads the request's file. Never rejects for anything in the file: a bad file is a refusal. */
export async function readImport<K extends ImportReadRequest['kind']>(
  request: Extract<ImportReadRequest, { kind: K }>,
): Promise<ImportReadings[K]>;
export async function readImport(request: ImportReadRequest): Promise<ImportReading> {
  const bytes = new Uint8Array(await request.file.arrayBuffer());
  return request.kind === 'sessions'
    ? readSessionFile(bytes, request.fileName)
    : readClientFile(bytes, request.expectations);
}

/** FIT files start with a header whose bytes 8-11 spell ".FIT". */
function looksLikeFit(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(8, 12)) === '.FIT';
}

/** A JSON backup or a FIT file from another device, validated whole. */
export async function readSessionFile(bytes: Uint8Array, fileName: string): Promise<SessionFileReading> {
  const { toImportItem } = await import('./import-item');
  if (looksLikeFit(bytes) || fileName.toLowerCase().endsWith('.fit')) {
    // Each reader is loaded only for its own kind of file: the FIT SDK is large.
    const { importFit } = await import('./fit-import');
    const result = importFit(bytes);
    return result.ok ? { ok: true, items: [toImportItem(result.session)] } : result;
  }
  const { parseBackupBytes } = await import('./backup');
  const result = parseBackupBytes(bytes);
  return result.ok ? { ok: true, items: result.sessions.map(toImportItem) } : result;
}

/** A client file, validated whole, with the content key of each of its sessions. */
export async function readClientFile(
  bytes: Uint8Array,
  expectations: ClientFileExpectations,
): Promise<ClientFileReading> {
  const [{ parseClientFileBytes }, { sessionContentKey }, { toImportItem }] = await Promise.all([
    import('./client-file'),
    import('./session-content-key'),
    import('./import-item'),
  ]);
  const parsed = parseClientFileBytes(bytes, expectations);
  if (!parsed.ok) return parsed;
  const { profile, record, sessions } = parsed.file;
  return {
    ok: true,
    file: {
      profile,
      record,
      sessions: sessions.map((session) => {
        const item = toImportItem(session);
        return { item, contentKey: sessionContentKey({ meta: item.meta, samples: session.samples }) };
      }),
    },
  };
}
