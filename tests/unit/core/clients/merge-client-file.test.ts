import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientNote, ClientRecord } from '../../../../src/core/clients/client-record';
import {
  mergeClientFile,
  type ClientMergePlan,
  type DeviceClientState,
  type IncomingClientFile,
} from '../../../../src/core/clients/merge-client-file';
import type { RunnerProfile } from '../../../../src/core/zones/runner-profile';

const nowWallMs = Date.UTC(2026, 10, 1, 9);
const options = { nowWallMs, maxNotes: 1000 };

const profile = (name = 'Anna'): RunnerProfile => ({ id: 'anna', name, maxHrSource: 'tanaka' });
const note = (id: string, day: number, text = `note ${id}`): ClientNote => ({
  id,
  writtenAtWallMs: Date.UTC(2026, 8, day),
  text,
});
const course = { weeks: 12, startDate: '2026-09-07', runsPerWeek: 3 } as const;
const intake: ClientRecord['intake'] = {
  date: '2026-09-01',
  answers: {
    'heart-or-lung-disease': 'no',
    'chest-pain': 'no',
    'fainting-or-dizziness': 'no',
    'bone-or-joint-problem': 'no',
    'heart-rate-medication': 'no',
    pregnancy: 'no',
    'supervised-exercise-advice': 'no',
    'anything-else': 'no',
  },
  details: {},
  heartRateBlockingMedication: false,
  advice: ['can-start'],
};
const record = (changes: Partial<ClientRecord> = {}): ClientRecord => ({
  runnerId: 'anna',
  goals: '',
  notes: [],
  updatedAtWallMs: Date.UTC(2026, 8, 1),
  ...changes,
});

const device = (changes: Partial<DeviceClientState> = {}): DeviceClientState => ({
  profile: undefined,
  record: undefined,
  sessions: new Map(),
  ...changes,
});
const incoming = (changes: Partial<IncomingClientFile> = {}): IncomingClientFile => ({
  profile: profile(),
  record: record({ goals: 'Sleep better', course, intake, notes: [note('t1', 8)] }),
  sessions: [],
  ...changes,
});

describe('merging a client file into an empty device (the client receives the hand-over)', () => {
  it('creates the profile, takes the whole record and adds every session', () => {
    const plan = mergeClientFile(
      device(),
      incoming({
        sessions: [
          { id: 'r1', contentKey: 'a' },
          { id: 'r2', contentKey: 'b' },
        ],
      }),
      options,
    );
    expect(plan).toEqual({
      profileToCreate: profile(),
      recordToSave: record({
        goals: 'Sleep better',
        course,
        intake,
        notes: [note('t1', 8)],
        updatedAtWallMs: nowWallMs,
      }),
      sessionIdsToAdd: ['r1', 'r2'],
      counts: {
        sessionsAdded: 2,
        sessionsAlreadyHere: 0,
        sessionsDiffering: 0,
        notesAdded: 1,
        notesLeftOut: 0,
        profileCreated: true,
        recordPartsTaken: ['record'],
      },
    } satisfies ClientMergePlan);
  });
});

describe('merging a client file into a device that knows the client (the therapist gets runs back)', () => {
  it('keeps the device profile and adds only the sessions it lacks, counting the rest', () => {
    const plan = mergeClientFile(
      device({
        profile: profile('Anna (group Tuesday)'),
        record: record({ goals: 'Sleep better', course, intake, notes: [note('t1', 8)] }),
        sessions: new Map([
          ['r1', 'a'],
          ['r2', 'b-edited-on-this-device'],
        ]),
      }),
      incoming({
        profile: profile('Anna'),
        sessions: [
          { id: 'r1', contentKey: 'a' },
          { id: 'r2', contentKey: 'b' },
          { id: 'r3', contentKey: 'c' },
        ],
      }),
      options,
    );
    expect(plan.profileToCreate).toBeUndefined();
    expect(plan.recordToSave).toBeUndefined();
    expect(plan.sessionIdsToAdd).toEqual(['r3']);
    expect(plan.counts).toMatchObject({
      sessionsAdded: 1,
      sessionsAlreadyHere: 1,
      sessionsDiffering: 1,
      notesAdded: 0,
      profileCreated: false,
      recordPartsTaken: [],
    });
  });

  it('unites the notes by id, keeping the device note where both have one', () => {
    const plan = mergeClientFile(
      device({
        profile: profile(),
        record: record({ notes: [note('t1', 8, 'as written here'), note('t3', 20)] }),
      }),
      incoming({ record: record({ notes: [note('t2', 12), note('t1', 8, 'edited elsewhere')] }) }),
      options,
    );
    expect(plan.recordToSave?.notes).toEqual([
      note('t1', 8, 'as written here'),
      note('t3', 20),
      note('t2', 12),
    ]);
    expect(plan.counts.notesAdded).toBe(1);
    expect(plan.recordToSave?.updatedAtWallMs).toBe(nowWallMs);
  });

  it('takes goals, course and intake from the file only where the device has none', () => {
    const plan = mergeClientFile(
      device({ profile: profile(), record: record({ goals: 'My own words', notes: [] }) }),
      incoming(),
      options,
    );
    expect(plan.recordToSave).toMatchObject({ goals: 'My own words', course, intake });
    expect(plan.counts.recordPartsTaken).toEqual(['course', 'intake']);

    const kept = mergeClientFile(
      device({
        profile: profile(),
        record: record({
          goals: 'Mine',
          course: { ...course, weeks: 8 },
          intake: { ...intake, date: '2026-08-01' },
        }),
      }),
      incoming({ record: record({ goals: 'Theirs', course, intake }) }),
      options,
    );
    expect(kept.recordToSave).toBeUndefined();
  });

  it('leaves notes out beyond what a record may hold, oldest first in', () => {
    const plan = mergeClientFile(
      device({ profile: profile(), record: record({ notes: [note('a', 1), note('b', 2)] }) }),
      incoming({ record: record({ notes: [note('z', 30), note('y', 3), note('x', 4)] }) }),
      { nowWallMs, maxNotes: 4 },
    );
    expect(plan.recordToSave?.notes.map((item) => item.id)).toEqual(['a', 'b', 'y', 'x']);
    expect(plan.counts).toMatchObject({ notesAdded: 2, notesLeftOut: 1 });
  });
});

// ---- Properties ------------------------------------------------------------------------------------------------

const idArbitrary = fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6');
const keyArbitrary = fc.constantFrom('k1', 'k2', 'k3');
const noteArbitrary = fc.record({
  id: fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5'),
  writtenAtWallMs: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) }),
  text: fc.string({ maxLength: 8 }),
});
const recordArbitrary = fc.record(
  {
    runnerId: fc.constant('anna'),
    goals: fc.constantFrom('', 'Sleep better', 'Run 20 minutes'),
    course: fc.option(fc.constant(course), { nil: undefined }),
    intake: fc.option(fc.constant(intake), { nil: undefined }),
    notes: fc.uniqueArray(noteArbitrary, { selector: (item) => item.id, maxLength: 5 }),
    updatedAtWallMs: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 9, 1) }),
  },
  { requiredKeys: ['runnerId', 'goals', 'notes', 'updatedAtWallMs'] },
) as fc.Arbitrary<ClientRecord>;
const sessionsArbitrary = fc.uniqueArray(fc.record({ id: idArbitrary, contentKey: keyArbitrary }), {
  selector: (session) => session.id,
  maxLength: 6,
});
const deviceArbitrary = fc.record({
  profile: fc.option(fc.constant(profile('Anna on this device')), { nil: undefined }),
  record: fc.option(recordArbitrary, { nil: undefined }),
  sessions: sessionsArbitrary.map(
    (list) => new Map<string, string>(list.map((session) => [session.id, session.contentKey])),
  ),
});
const incomingArbitrary = fc.record({
  profile: fc.constant(profile('Anna in the file')),
  record: recordArbitrary,
  sessions: sessionsArbitrary,
});
const maxNotesArbitrary = fc.integer({ min: 0, max: 8 });

/** The device after the plan is stored, as the exchange stores it. */
function applied(
  state: DeviceClientState,
  file: IncomingClientFile,
  plan: ClientMergePlan,
): DeviceClientState {
  const sessions = new Map(state.sessions);
  for (const id of plan.sessionIdsToAdd) {
    const session = file.sessions.find((candidate) => candidate.id === id);
    if (session) sessions.set(id, session.contentKey);
  }
  return {
    profile: plan.profileToCreate ?? state.profile,
    record: plan.recordToSave ?? state.record,
    sessions,
  };
}

describe('merging, for any device and any file', () => {
  it('twice is the same as once: the second merge plans nothing', () => {
    fc.assert(
      fc.property(deviceArbitrary, incomingArbitrary, maxNotesArbitrary, (state, file, maxNotes) => {
        const first = mergeClientFile(state, file, { nowWallMs, maxNotes });
        const once = applied(state, file, first);
        const second = mergeClientFile(once, file, { nowWallMs: nowWallMs + 60_000, maxNotes });
        expect(second.profileToCreate).toBeUndefined();
        expect(second.recordToSave).toBeUndefined();
        expect(second.sessionIdsToAdd).toEqual([]);
        expect(applied(once, file, second)).toEqual(once);
      }),
    );
  });

  it('never changes anything stored: every session, the profile, and every part of the record kept', () => {
    fc.assert(
      fc.property(deviceArbitrary, incomingArbitrary, maxNotesArbitrary, (state, file, maxNotes) => {
        const plan = mergeClientFile(state, file, { nowWallMs, maxNotes });
        const after = applied(state, file, plan);
        for (const [id, key] of state.sessions) expect(after.sessions.get(id)).toBe(key);
        for (const id of plan.sessionIdsToAdd) expect(state.sessions.has(id)).toBe(false);
        if (state.profile) expect(after.profile).toBe(state.profile);
        const before = state.record;
        if (before) {
          const record = after.record;
          expect(record?.runnerId).toBe(before.runnerId);
          if (before.goals.trim() !== '') expect(record?.goals).toBe(before.goals);
          if (before.course) expect(record?.course).toEqual(before.course);
          if (before.intake) expect(record?.intake).toEqual(before.intake);
          expect(record?.notes.slice(0, before.notes.length)).toEqual(before.notes);
          expect(record?.updatedAtWallMs).toBeGreaterThanOrEqual(before.updatedAtWallMs);
        }
        const counts = plan.counts;
        expect(counts.sessionsAdded + counts.sessionsAlreadyHere + counts.sessionsDiffering).toBe(
          file.sessions.length,
        );
      }),
    );
  });

  it('loses nothing of the file that was not already here, within the notes a record may hold', () => {
    fc.assert(
      fc.property(deviceArbitrary, incomingArbitrary, maxNotesArbitrary, (state, file, maxNotes) => {
        const plan = mergeClientFile(state, file, { nowWallMs, maxNotes });
        const after = applied(state, file, plan);
        for (const session of file.sessions) expect(after.sessions.has(session.id)).toBe(true);
        const notes = after.record?.notes ?? [];
        const missing = file.record.notes.filter((item) => !notes.some((kept) => kept.id === item.id));
        expect(missing).toHaveLength(plan.counts.notesLeftOut);
        if (missing.length > 0)
          expect(notes.length).toBe(Math.max(maxNotes, state.record?.notes.length ?? 0));
      }),
    );
  });
});
