import type { RunnerProfile } from '../zones/runner-profile';
import type { ClientNote, ClientRecord } from './client-record';

/**
 * Merging a client file into what a device holds: the therapist's hand-over into the client's own Calm Run, and
 * the client's runs back into the therapist's record. Nothing the device holds is ever changed: the plan only adds.
 */

/** A session by id and a key of its whole content (equal keys: the same session, byte for byte as exported). */
export interface SessionFingerprint {
  id: string;
  contentKey: string;
}

/** What the device holds of this person now. */
export interface DeviceClientState {
  profile: RunnerProfile | undefined;
  record: ClientRecord | undefined;
  /** Content keys of the device's sessions, by id; only ids the file also names need to be here. */
  sessions: ReadonlyMap<string, string>;
}

/** What the file brings (already validated: one person, each session once). */
export interface IncomingClientFile {
  profile: RunnerProfile;
  record: ClientRecord;
  sessions: readonly SessionFingerprint[];
}

export interface ClientMergeCounts {
  sessionsAdded: number;
  /** Sessions the device already has, exactly as in the file. */
  sessionsAlreadyHere: number;
  /** Sessions the device has under the same id with other content (notes added later, say): kept as they are. */
  sessionsDiffering: number;
  notesAdded: number;
  /** Notes of the file left out because the record would hold more than it may. */
  notesLeftOut: number;
  profileCreated: boolean;
  /** The record's parts taken from the file because the device had none. */
  recordPartsTaken: ('record' | 'goals' | 'course' | 'intake')[];
}

export interface ClientMergePlan {
  /** Set when the device has no profile of this person. */
  profileToCreate: RunnerProfile | undefined;
  /** The record to store (the device's with what it lacked added), or undefined when nothing changes. */
  recordToSave: ClientRecord | undefined;
  /** The file's sessions to add, in the file's order. */
  sessionIdsToAdd: string[];
  counts: ClientMergeCounts;
}

export interface ClientMergeOptions {
  /** Stamped as the record's last change when the merge changes it. */
  nowWallMs: number;
  /** The most notes a record may hold. */
  maxNotes: number;
}

/**
 * The plan for merging `incoming` into `device`:
 * - profile: created from the file when the device has none; the device's is never overwritten;
 * - record: taken from the file when the device has none; else the device's, with the file's notes it lacks
 *   (by id, oldest first, up to `maxNotes`), and goals, course and intake from the file only where it has none;
 * - sessions: per id, never overwriting: new ids added, ids already present counted as already here, or as
 *   differing when their content is not the file's (kept as they are either way).
 * Merging the same file again after the plan is stored plans nothing.
 */
export function mergeClientFile(
  device: DeviceClientState,
  incoming: IncomingClientFile,
  options: ClientMergeOptions,
): ClientMergePlan {
  const sessionIdsToAdd: string[] = [];
  let sessionsAlreadyHere = 0;
  let sessionsDiffering = 0;
  for (const session of incoming.sessions) {
    const stored = device.sessions.get(session.id);
    if (stored === undefined) sessionIdsToAdd.push(session.id);
    else if (stored === session.contentKey) sessionsAlreadyHere++;
    else sessionsDiffering++;
  }

  const record = mergeRecord(device.record, incoming.record, options);
  return {
    profileToCreate: device.profile === undefined ? incoming.profile : undefined,
    recordToSave: record.changed ? record.value : undefined,
    sessionIdsToAdd,
    counts: {
      sessionsAdded: sessionIdsToAdd.length,
      sessionsAlreadyHere,
      sessionsDiffering,
      notesAdded: record.notesAdded,
      notesLeftOut: record.notesLeftOut,
      profileCreated: device.profile === undefined,
      recordPartsTaken: record.partsTaken,
    },
  };
}

interface MergedRecord {
  value: ClientRecord;
  changed: boolean;
  notesAdded: number;
  notesLeftOut: number;
  partsTaken: ClientMergeCounts['recordPartsTaken'];
}

function mergeRecord(
  stored: ClientRecord | undefined,
  incoming: ClientRecord,
  options: ClientMergeOptions,
): MergedRecord {
  const base: ClientRecord = stored ?? {
    runnerId: incoming.runnerId,
    goals: '',
    notes: [],
    updatedAtWallMs: 0,
  };
  const partsTaken: MergedRecord['partsTaken'] = stored === undefined ? ['record'] : [];
  const value: ClientRecord = { ...base, notes: [...base.notes] };
  if (value.goals.trim() === '' && incoming.goals.trim() !== '') {
    value.goals = incoming.goals;
    if (stored) partsTaken.push('goals');
  }
  if (value.course === undefined && incoming.course !== undefined) {
    value.course = incoming.course;
    if (stored) partsTaken.push('course');
  }
  if (value.intake === undefined && incoming.intake !== undefined) {
    value.intake = incoming.intake;
    if (stored) partsTaken.push('intake');
  }

  const known = new Set(value.notes.map((note) => note.id));
  const newNotes = uniqueById(incoming.notes.filter((note) => !known.has(note.id))).sort(
    (a, b) => a.writtenAtWallMs - b.writtenAtWallMs || (a.id < b.id ? -1 : 1),
  );
  const room = Math.max(0, options.maxNotes - value.notes.length);
  const added = newNotes.slice(0, room);
  value.notes.push(...added);

  const changed = stored === undefined || partsTaken.length > 0 || added.length > 0;
  if (changed) value.updatedAtWallMs = Math.max(options.nowWallMs, base.updatedAtWallMs);
  return {
    value,
    changed,
    notesAdded: added.length,
    notesLeftOut: newNotes.length - added.length,
    partsTaken,
  };
}

function uniqueById(notes: readonly ClientNote[]): ClientNote[] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    if (seen.has(note.id)) return false;
    seen.add(note.id);
    return true;
  });
}
