import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCalmRunDb } from '../../../src/adapters/storage/calm-run-db';
import { ClientStore } from '../../../src/adapters/storage/client-store';
import {
  defaultCoachingPreferences,
  type Preferences,
} from '../../../src/adapters/storage/preferences-store';
import { ClientsState } from '../../../src/app/clients.svelte';
import { PreferencesState } from '../../../src/app/preferences.svelte';
import type { IntakeRecord } from '../../../src/core/clients/client-record';
import { intakeQuestionIds, intakeRecord } from '../../../src/core/clients/intake';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { MemoryStorage } from '../support/memory-storage';

const preferencesKey = 'calm-run.preferences';
/** 2026-09-21, local noon: week 3 of a course that started on 2026-09-07. */
const todayWallMs = new Date(2026, 8, 21, 12).getTime();

const therapist: RunnerProfile = { id: 'me', name: 'Tess', maxHrSource: 'tanaka' };
const noor: RunnerProfile = { id: 'noor', name: 'Noor', maxHrSource: 'tanaka', ageYears: 52 };

function betaBlockerIntake(): IntakeRecord {
  return intakeRecord({
    date: '2026-09-01',
    answers: Object.fromEntries(
      intakeQuestionIds.map((question) => [question, question === 'heart-rate-medication' ? 'yes' : 'no']),
    ) as IntakeRecord['answers'],
    details: { 'heart-rate-medication': 'Metoprolol' },
    heartRateBlockingMedication: true,
    ageYears: 52,
  });
}

describe('ClientsState', () => {
  let device: MemoryStorage;
  let dbName: string;
  let ids: number;
  let nowWallMs: number;
  let clients: ClientsState;
  let preferences: PreferencesState;

  function open(): ClientsState {
    preferences = new PreferencesState();
    return new ClientsState(preferences, {
      openStore: () => ClientStore.open(dbName),
      nowWallMs: () => nowWallMs,
      newId: () => `id-${++ids}`,
    });
  }

  beforeEach(async () => {
    device = new MemoryStorage();
    vi.stubGlobal('localStorage', device);
    const stored: Preferences = {
      runners: [therapist, noor],
      activeRunnerId: 'me',
      coaching: defaultCoachingPreferences,
    };
    device.setItem(preferencesKey, JSON.stringify(stored));
    dbName = freshDbName();
    ids = 0;
    nowWallMs = todayWallMs;
    clients = open();
    await clients.load();
  });

  afterEach(() => {
    clients.close();
    vi.unstubAllGlobals();
  });

  it('lists every runner by name, with no record until something is kept', () => {
    expect(clients.entries.map((entry) => [entry.runner.name, entry.record, entry.intakeDone])).toEqual([
      ['Noor', undefined, false],
      ['Tess', undefined, false],
    ]);
    expect(clients.openFailed).toBe(false);
  });

  it('creates a client as a profile that is not the device’s own, with an empty record, kept after a reload', async () => {
    expect(await clients.createClient('  ')).toBe('empty-name');
    const created = await clients.createClient(' Anna ');
    expect(created).toEqual({ runnerId: 'id-1' });
    expect(preferences.activeRunner?.id).toBe('me');
    clients.close();
    clients = open();
    await clients.load();
    const anna = clients.entry('id-1');
    expect(anna?.runner).toEqual({ id: 'id-1', name: 'Anna', maxHrSource: 'tanaka' });
    expect(anna?.record).toEqual({ runnerId: 'id-1', goals: '', notes: [], updatedAtWallMs: todayWallMs });
  });

  it('keeps goals, a course (and its week) and an intake, each stored before it shows', async () => {
    expect(await clients.saveGoals('noor', '  Sleep better, and enjoy moving again ')).toBe(true);
    expect(await clients.saveCourse('noor', { weeks: 12, startDate: '2026-09-07', runsPerWeek: 3 })).toBe(
      true,
    );
    expect(await clients.saveIntake('noor', betaBlockerIntake())).toBe(true);
    clients.close();
    clients = open();
    await clients.load();
    const entry = clients.entry('noor');
    expect(entry?.record?.goals).toBe('Sleep better, and enjoy moving again');
    expect(entry?.courseStatus).toEqual({ state: 'running', week: 3, weeks: 12 });
    expect(entry?.intakeDone).toBe(true);
    expect(entry?.record?.intake?.advice).toEqual(['see-doctor-first', 'sports-medical-check']);

    expect(await clients.saveCourse('noor', undefined)).toBe(true);
    expect(clients.entry('noor')?.record?.course).toBeUndefined();
  });

  it('adds, edits and deletes dated notes; an edit keeps the day it was written', async () => {
    expect(await clients.addNote('noor', '   ')).toBe(false);
    expect(await clients.addNote('noor', 'Ran the whole first block.')).toBe(true);
    nowWallMs += 86_400_000;
    expect(await clients.addNote('noor', 'Tired today.')).toBe(true);
    expect(await clients.editNote('noor', 'id-1', 'Ran the whole first block, smiling.')).toBe(true);
    expect(await clients.deleteNote('noor', 'id-2')).toBe(true);
    expect(clients.entry('noor')?.record?.notes).toEqual([
      { id: 'id-1', writtenAtWallMs: todayWallMs, text: 'Ran the whole first block, smiling.' },
    ]);
    expect(clients.entry('noor')?.record?.updatedAtWallMs).toBe(nowWallMs);
  });

  it('writes quick changes one after another, so none is lost', async () => {
    await Promise.all([
      clients.saveGoals('noor', 'Calm'),
      clients.addNote('noor', 'One'),
      clients.addNote('noor', 'Two'),
      clients.saveCourse('noor', { weeks: 8, startDate: '2026-09-07', runsPerWeek: 3 }),
    ]);
    const stored = clients.entry('noor')?.record;
    expect(stored?.goals).toBe('Calm');
    expect(stored?.notes.map((note) => note.text)).toEqual(['One', 'Two']);
    expect(stored?.course?.weeks).toBe(8);
  });

  it('shows the runner their own course and goals, never the notes or the intake answers', async () => {
    expect(clients.ownView(noor)).toBeUndefined();
    await clients.saveGoals('noor', 'Enjoy moving');
    await clients.addNote('noor', 'Private words');
    await clients.saveIntake('noor', betaBlockerIntake());
    const view = clients.ownView(noor);
    expect(view).toEqual({ course: undefined, goals: 'Enjoy moving', suggestFeelOrCalibratedZone: true });
    expect(JSON.stringify(view)).not.toContain('Private words');
    expect(JSON.stringify(view)).not.toContain('Metoprolol');
    // Once the zone is by feel, the suggestion has been followed.
    const byFeel: RunnerProfile = { ...noor, zone: { lowBpm: 0, highBpm: 0, method: 'by-feel' } };
    expect(clients.ownView(byFeel)?.suggestFeelOrCalibratedZone).toBe(false);
  });

  it('never saves over a damaged record, and says the save failed', async () => {
    const db = await openCalmRunDb(dbName);
    await db.put('clients', { runnerId: 'noor', goals: 42 } as never);
    db.close();
    clients.close();
    clients = open();
    await clients.load();
    expect(clients.entry('noor')?.damaged).toBe(true);
    expect(await clients.saveGoals('noor', 'New goals')).toBe(false);
    expect(clients.saveFailed).toBe(true);
    const raw = await openCalmRunDb(dbName);
    expect(await raw.get('clients', 'noor')).toEqual({ runnerId: 'noor', goals: 42 });
    raw.close();
  });

  it('refuses a change the schema refuses and keeps the stored record as it was', async () => {
    await clients.saveGoals('noor', 'Calm');
    expect(await clients.saveGoals('noor', 'x'.repeat(clients.limits.goalsChars + 1))).toBe(false);
    expect(clients.saveFailed).toBe(true);
    expect(clients.entry('noor')?.record?.goals).toBe('Calm');
    expect(await clients.saveGoals('noor', 'Calmer')).toBe(true);
    expect(clients.saveFailed).toBe(false);
  });

  it('counts stored records whose runner is no longer on this device', async () => {
    await clients.saveGoals('noor', 'Calm');
    preferences.removeRunner('noor');
    expect(clients.recordsWithoutProfile).toBe(1);
  });

  it('says so when the database will not open, and keeps nothing', async () => {
    const broken = new ClientsState(new PreferencesState(), {
      openStore: () => Promise.reject(new Error('private window')),
    });
    await broken.load();
    expect(broken.openFailed).toBe(true);
    expect(await broken.saveGoals('noor', 'Calm')).toBe(false);
    expect(broken.saveFailed).toBe(true);
  });
});
