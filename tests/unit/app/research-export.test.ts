import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { researchCsv } from '../../../src/adapters/files/research-csv';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { collectResearchRows, researchClients, type ResearchClient } from '../../../src/app/research-export';
import { toImportItem } from '../../../src/adapters/files/import-item';
import type { ClientRecord } from '../../../src/core/clients/client-record';
import { calendarDateOf as localCalendarDate, daysBetween } from '../../../src/core/clients/calendar-days';
import { clientId, clientName, clientRecord, clientRun } from '../../e2e/support/client-files';
import { syntheticRun } from '../../e2e/support/synthetic-sessions';
import { freshDbName } from '../adapters/storage/storage-fixtures';

const course = { weeks: 10, startDate: '2026-09-07', runsPerWeek: 3 } as const;
const benId = 'client-0b1e';

async function groupStore(): Promise<SessionStore> {
  const store = await SessionStore.open(freshDbName(), { estimator: undefined });
  const cutOff = clientRun(3);
  await store.importSessions(
    [
      clientRun(0),
      clientRun(1),
      clientRun(2),
      { ...cutOff, meta: { ...cutOff.meta, status: 'recording' as const } },
      syntheticRun({
        id: 'ben-run-1',
        startedAtWallMs: Date.UTC(2026, 8, 8, 17),
        durationS: 90,
        runnerId: benId,
        runnerName: 'Ben Jansen',
        notes: 'Ben told me about his divorce',
      }),
      syntheticRun({
        id: 'no-client',
        startedAtWallMs: Date.UTC(2026, 8, 8, 18),
        durationS: 60,
        runnerId: 'carla',
      }),
    ].map(toImportItem),
  );
  return store;
}

const anna: ResearchClient = {
  runnerId: clientId,
  name: clientName,
  course: clientRecord().course ?? course,
};
const ben: ResearchClient = { runnerId: benId, name: 'Ben Jansen', course };

describe('the research export', () => {
  it('takes the clients with a course, named from their profiles', () => {
    const records: ClientRecord[] = [
      clientRecord(),
      { runnerId: benId, goals: '', course, notes: [], updatedAtWallMs: 0 },
      { runnerId: 'carla', goals: 'No course yet', notes: [], updatedAtWallMs: 0 },
    ];
    const names: Record<string, string> = { [clientId]: clientName };
    expect(researchClients(records, (id) => names[id])).toEqual([
      { runnerId: clientId, name: clientName, course: clientRecord().course },
      { runnerId: benId, name: benId, course },
    ]);
  });

  it('writes a row for every finished session of the chosen clients, by code, with no names, notes or dates', async () => {
    const store = await groupStore();
    const { rows, clients } = await collectResearchRows(store, [anna, ben]);
    expect(clients).toBe(2);
    // Codes by id order: "client-0b1e" (Ben) before "client-anna-7f3c". Days from the course start in the
    // device's calendar (0, 1, 2, 4 where the runs' UTC mornings are the same local day).
    const dayOf = (wallMs: number): number => daysBetween(course.startDate, localCalendarDate(wallMs));
    expect(rows.map((row) => [row.participant, row.dayOffset])).toEqual([
      ['P01', dayOf(Date.UTC(2026, 8, 8, 17))],
      ['P02', dayOf(clientRun(0).meta.startedAtWallMs)],
      ['P02', dayOf(clientRun(1).meta.startedAtWallMs)],
      ['P02', dayOf(clientRun(2).meta.startedAtWallMs)],
    ]);
    expect(rows.map((row) => row.kind)).toEqual(['run', 'run', 'run', 'run']);
    const csv = researchCsv(rows);
    for (const forbidden of [
      'Anna',
      'Ben',
      'divorce',
      'Private words',
      clientId,
      benId,
      'anna-run',
      '2026',
      'carla',
      'Polar',
    ]) {
      expect(csv).not.toContain(forbidden);
    }
    store.close();
  });

  it('gives each client the same code whatever is chosen with it and in which order', async () => {
    const store = await groupStore();
    const both = await collectResearchRows(store, [ben, anna]);
    const again = await collectResearchRows(store, [anna, ben]);
    expect(researchCsv(again.rows)).toBe(researchCsv(both.rows));
    const annaOnly = await collectResearchRows(store, [anna]);
    expect(new Set(annaOnly.rows.map((row) => row.participant))).toEqual(new Set(['P01']));
    store.close();
  });

  it('counts days in the device’s own calendar', () => {
    const localNoon = new Date(2026, 8, 7, 12).getTime();
    expect(localCalendarDate(localNoon)).toBe('2026-09-07');
  });
});
