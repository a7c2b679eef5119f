import type { ClientFile } from '../adapters/files/client-file';
import { CLIENT_TEXT_LIMITS } from '../adapters/storage/client-record-schema';
import type { ImportRefusal } from '../adapters/files/import-refusal';
import type { ShareOutcome } from '../adapters/files/share-or-download';
import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import type { SessionStorage } from '../adapters/storage/session-storage';
import type { ClientRecord } from '../core/clients/client-record';
import type { ClientMergeCounts } from '../core/clients/merge-client-file';
import type { RunnerProfile } from '../core/zones/runner-profile';
import { appVersion } from './session-export';
import { loadSessionWithSamples, maxImportBytes } from './session-files';

/**
 * One client's whole record as one file, both ways: the therapist hands it to the client, whose own Calm Run then
 * holds the profile, course, intake and runs; the client later sends their runs back in the same format and the
 * therapist merges them per session id. Nothing stored is ever overwritten (see core/clients/merge-client-file).
 */

/** The client records the exchange reads and writes (ClientStore). */
export interface ClientRecordStorage {
  get(runnerId: string): Promise<ClientRecord | undefined>;
  put(record: ClientRecord): Promise<void>;
  delete(runnerId: string): Promise<void>;
}

/** The runner profiles of the device (kept in its preferences). */
export interface ProfileBook {
  find(runnerId: string): RunnerProfile | undefined;
  /** Adds a profile (as the device's own runner when `makeActive`); false when the device could not keep it. */
  add(profile: RunnerProfile, makeActive: boolean): boolean;
  /** Makes a profile already here the device's own runner. */
  choose(runnerId: string): void;
  remove(runnerId: string): void;
}

export interface ClientExchangeStores {
  sessions: SessionStorage;
  clients: ClientRecordStorage;
  profiles: ProfileBook;
}

export interface ClientFileOptions {
  /** The therapist's dated notes go along unless left out. */
  includeNotes: boolean;
  nowWallMs?: number;
}

/**
 * The file of one person: the profile, the record (an empty one when the device keeps none, as on the client's own
 * device before any hand-over) and every finished session of theirs with its samples. A run still recording or
 * cut off stays behind: it would arrive on the other device as a run to resume.
 */
export async function collectClientFile(
  stores: Pick<ClientExchangeStores, 'sessions' | 'clients'>,
  profile: RunnerProfile,
  options: ClientFileOptions,
): Promise<ClientFile> {
  const nowWallMs = options.nowWallMs ?? Date.now();
  const stored = await stores.clients.get(profile.id);
  const record: ClientRecord = stored ?? {
    runnerId: profile.id,
    goals: '',
    notes: [],
    updatedAtWallMs: nowWallMs,
  };
  const sessions: SessionWithSamples[] = [];
  const entries = await stores.sessions.listHistory({ runnerId: profile.id });
  for (const entry of [...entries].reverse()) {
    if (entry.status !== 'finished') continue;
    const session = await loadSessionWithSamples(stores.sessions, entry.id);
    if (session) sessions.push(session);
  }
  return {
    profile,
    record: options.includeNotes ? record : { ...record, notes: [] },
    sessions,
  };
}

/** Writes the person's file and shares or downloads it. Call it straight from the click, to keep the activation. */
export async function exportClientFile(
  stores: Pick<ClientExchangeStores, 'sessions' | 'clients'>,
  profile: RunnerProfile,
  options: ClientFileOptions,
): Promise<ShareOutcome> {
  const nowWallMs = options.nowWallMs ?? Date.now();
  const [{ shareOrDownload }, { clientFileName }, { exportMimeTypes }, { encodeClientFile }, file] =
    await Promise.all([
      import('../adapters/files/share-or-download'),
      import('../adapters/files/export-file-names'),
      import('../adapters/files/export-mime-types'),
      import('../adapters/files/client-file'),
      collectClientFile(stores, profile, { ...options, nowWallMs }),
    ]);
  return shareOrDownload({
    name: clientFileName(profile.name, nowWallMs),
    mimeType: exportMimeTypes.json,
    data: encodeClientFile(file, appVersion, new Date(nowWallMs)),
  });
}

/** What was kept when storing failed part-way: zero and false when everything was undone. */
export interface SavedPart {
  sessions: number;
  record: boolean;
  profile: boolean;
}

export type ClientImportOutcome =
  | ({ kind: 'merged'; runnerName: string } & ClientMergeCounts)
  | { kind: 'refused'; refusal: ImportRefusal }
  | { kind: 'storage-failed'; saved: SavedPart };

export interface ClientImportOptions {
  /** On a client's page: a file of anyone else is refused. */
  expectedRunnerId?: string;
  /** On the runner's own profile screen: the file's person becomes the one this device runs as. */
  makeActive: boolean;
  nowWallMs?: number;
}

/**
 * Reads a client file, validates all of it (refused whole on any fault), and merges it: sessions first, in one
 * transaction through the store's import; then the record; then the profile. Should a later step fail, the
 * earlier ones are undone, so the device is as it was; should the undoing fail too, the outcome says exactly what
 * stayed.
 */
export async function importClientFile(
  stores: ClientExchangeStores,
  file: File,
  options: ClientImportOptions,
): Promise<ClientImportOutcome> {
  if (file.size > maxImportBytes) {
    return { kind: 'refused', refusal: { code: 'file-too-large', maxMegabytes: maxImportBytes / 1e6 } };
  }
  const [{ readImportFile }, { sessionContentKey }, { mergeClientFile }] = await Promise.all([
    import('../adapters/files/import-worker-client'),
    import('../adapters/files/session-content-key'),
    import('../core/clients/merge-client-file'),
  ]);
  const parsed = await readImportFile({
    kind: 'client',
    file,
    expectations: { ...(options.expectedRunnerId !== undefined && { runnerId: options.expectedRunnerId }) },
  });
  if (!parsed.ok) return { kind: 'refused', refusal: parsed.refusal };
  const incoming = parsed.file;
  const runnerId = incoming.profile.id;
  const items = incoming.sessions.map(({ item }) => item);

  let storedRecord: ClientRecord | undefined;
  const deviceSessions = new Map<string, string>();
  try {
    storedRecord = await stores.clients.get(runnerId);
    for (const item of items) {
      const stored = await loadSessionWithSamples(stores.sessions, item.meta.id);
      if (stored) deviceSessions.set(item.meta.id, sessionContentKey(stored));
    }
  } catch {
    return { kind: 'storage-failed', saved: nothingSaved };
  }

  const profileHere = stores.profiles.find(runnerId);
  const plan = mergeClientFile(
    { profile: profileHere, record: storedRecord, sessions: deviceSessions },
    {
      profile: incoming.profile,
      record: incoming.record,
      sessions: incoming.sessions.map(({ item, contentKey }) => ({ id: item.meta.id, contentKey })),
    },
    { nowWallMs: options.nowWallMs ?? Date.now(), maxNotes: CLIENT_TEXT_LIMITS.notes },
  );

  const toAdd = new Set(plan.sessionIdsToAdd);
  let added: string[];
  let raced: number;
  try {
    const result = await stores.sessions.importSessions(items.filter((item) => toAdd.has(item.meta.id)));
    added = result.imported;
    // Stored by something else since the plan was made (another tab): already here all the same.
    raced = result.skipped.length;
  } catch {
    return { kind: 'storage-failed', saved: nothingSaved };
  }

  const undoSessions = async (): Promise<number> => {
    let left = 0;
    for (const id of added) {
      try {
        await stores.sessions.deleteSession(id);
      } catch {
        left++;
      }
    }
    return left;
  };

  if (plan.recordToSave) {
    try {
      await stores.clients.put(plan.recordToSave);
    } catch {
      const sessionsLeft = await undoSessions();
      return { kind: 'storage-failed', saved: { sessions: sessionsLeft, record: false, profile: false } };
    }
  }

  if (plan.profileToCreate) {
    if (!stores.profiles.add(plan.profileToCreate, options.makeActive)) {
      // The preferences keep the profile in memory even when the device would not store it: let it go too.
      stores.profiles.remove(runnerId);
      const recordKept = plan.recordToSave
        ? !(await undoRecord(stores.clients, runnerId, storedRecord))
        : false;
      const sessionsLeft = await undoSessions();
      return {
        kind: 'storage-failed',
        saved: { sessions: sessionsLeft, record: recordKept, profile: false },
      };
    }
  } else if (options.makeActive) {
    stores.profiles.choose(runnerId);
  }

  return {
    kind: 'merged',
    runnerName: (profileHere ?? incoming.profile).name,
    ...plan.counts,
    sessionsAdded: added.length,
    sessionsAlreadyHere: plan.counts.sessionsAlreadyHere + raced,
  };
}

const nothingSaved: SavedPart = { sessions: 0, record: false, profile: false };

/** Puts back the record as it was before the merge; false when that failed. */
async function undoRecord(
  clients: ClientRecordStorage,
  runnerId: string,
  before: ClientRecord | undefined,
): Promise<boolean> {
  try {
    if (before) await clients.put(before);
    else await clients.delete(runnerId);
    return true;
  } catch {
    return false;
  }
}
