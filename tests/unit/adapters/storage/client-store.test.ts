import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openCalmRunDb } from '../../../../src/adapters/storage/calm-run-db';
import { ClientStore } from '../../../../src/adapters/storage/client-store';
import { checkClientRecord } from '../../../../src/adapters/storage/client-record-schema';
import { StorageError } from '../../../../src/adapters/storage/storage-errors';
import type { ClientRecord } from '../../../../src/core/clients/client-record';
import { freshDbName } from './storage-fixtures';

const anna = (): ClientRecord => ({
  runnerId: 'anna',
  goals: 'Weer plezier in bewegen',
  course: { weeks: 12, startDate: '2026-09-07', runsPerWeek: 3 },
  intake: {
    date: '2026-09-01',
    answers: {
      'heart-or-lung-disease': 'no',
      'chest-pain': 'no',
      'fainting-or-dizziness': 'no',
      'bone-or-joint-problem': 'yes',
      'heart-rate-medication': 'no',
      pregnancy: 'no',
      'supervised-exercise-advice': 'no',
      'anything-else': 'no',
    },
    details: { 'bone-or-joint-problem': 'Left knee after long walks' },
    heartRateBlockingMedication: false,
    ageYears: 44,
    advice: ['see-doctor-first', 'sports-medical-check'],
    feelingAtRest: 1,
    arousalAtRest: 2,
  },
  notes: [{ id: 'n1', writtenAtWallMs: Date.UTC(2026, 8, 8), text: 'Ran the whole first block.' }],
  updatedAtWallMs: Date.UTC(2026, 8, 8),
});

describe('ClientStore', () => {
  it('stores, lists, reads and deletes client records', async () => {
    const store = await ClientStore.open(freshDbName());
    await store.put(anna());
    await store.put({ runnerId: 'ben', goals: '', notes: [], updatedAtWallMs: Date.UTC(2026, 8, 9) });
    const { records, damaged } = await store.list();
    expect(records.map((record) => record.runnerId).sort()).toEqual(['anna', 'ben']);
    expect(damaged).toEqual([]);
    expect(await store.get('anna')).toEqual(anna());
    expect(await store.get('nobody')).toBeUndefined();
    await store.delete('ben');
    expect((await store.list()).records.map((record) => record.runnerId)).toEqual(['anna']);
    store.close();
  });

  it('refuses to save an invalid record and leaves the stored one as it was', async () => {
    const store = await ClientStore.open(freshDbName());
    await store.put(anna());
    const broken = {
      ...anna(),
      course: { weeks: 12, startDate: '2026-02-30', runsPerWeek: 3 },
    } as ClientRecord;
    const error: unknown = await store.put(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).reason).toBe('invalid-data');
    expect((error as StorageError).message).toContain('course.startDate');
    expect(await store.get('anna')).toEqual(anna());
    store.close();
  });

  it('reports a damaged stored record by its runner id instead of dropping it', async () => {
    const name = freshDbName();
    const db = await openCalmRunDb(name);
    await db.put('clients', { runnerId: 'eva', goals: 42, notes: [] } as unknown as ClientRecord);
    const store = new ClientStore(db);
    await store.put(anna());
    const { records, damaged } = await store.list();
    expect(records.map((record) => record.runnerId)).toEqual(['anna']);
    expect(damaged).toEqual([{ runnerId: 'eva', reason: expect.stringContaining('goals') as string }]);
    const error: unknown = await store.get('eva').catch((e: unknown) => e);
    expect((error as StorageError).reason).toBe('corrupt-data');
    store.close();
  });
});

describe('checkClientRecord', () => {
  it('drops keys it does not know, such as a prototype key from a file', () => {
    const check = checkClientRecord({ ...anna(), ['__proto__']: { polluted: true }, extra: 1 });
    expect(check.ok).toBe(true);
    if (check.ok) expect(Object.keys(check.record)).not.toContain('extra');
  });

  it('refuses bounds: too long goals, impossible scores, an unknown advice', () => {
    expect(checkClientRecord({ ...anna(), goals: 'x'.repeat(4001) }).ok).toBe(false);
    const intake = anna().intake;
    expect(checkClientRecord({ ...anna(), intake: { ...intake, feelingAtRest: 6 } }).ok).toBe(false);
    expect(checkClientRecord({ ...anna(), intake: { ...intake, advice: ['run-faster'] } }).ok).toBe(false);
    expect(checkClientRecord({ ...anna(), intake: { ...intake, advice: [] } }).ok).toBe(false);
  });
});
