import { encodeClientFile, type ClientFile } from '../../../src/adapters/files/client-file';
import type { SessionWithSamples } from '../../../src/adapters/files/session-with-samples';
import type { ClientRecord } from '../../../src/core/clients/client-record';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import { syntheticRun } from './synthetic-sessions';

/**
 * A client as a therapist keeps one, and that client's runs, made in Node with the app's own writers: for the
 * client file's unit tests, its hostile corpus and the exchange in Chromium.
 */

export const clientId = 'client-anna-7f3c';
export const clientName = 'Anna de Vries';

export function clientProfile(): RunnerProfile {
  return {
    id: clientId,
    name: clientName,
    ageYears: 44,
    restingHrBpm: 62,
    maxHrSource: 'tanaka',
    zone: { lowBpm: 118, highBpm: 134, method: 'percent-reserve' },
  };
}

export function clientRecord(): ClientRecord {
  return {
    runnerId: clientId,
    goals: 'Weer plezier in bewegen, en beter slapen.',
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
    notes: [
      {
        id: 'note-1',
        writtenAtWallMs: Date.UTC(2026, 8, 8, 10),
        text: 'Ran the whole first block, smiling.',
      },
    ],
    updatedAtWallMs: Date.UTC(2026, 8, 8, 10),
  };
}

const dayMs = 24 * 3600_000;
/** Monday of the course's first week, 07:30 UTC. */
export const courseStartWallMs = Date.UTC(2026, 8, 7, 7, 30);

/** The client's run number `index` (from 0), two days apart, planned runs of the course. */
export function clientRun(index: number, options: { durationS?: number } = {}): SessionWithSamples {
  const run = syntheticRun({
    id: `anna-run-${String(index + 1)}`,
    startedAtWallMs: courseStartWallMs + index * 2 * dayMs,
    durationS: options.durationS ?? 120,
    bpm: 126 + (index % 3),
    runnerId: clientId,
    runnerName: clientName,
    notes: `Private words of run ${String(index + 1)}`,
  });
  const week = Math.floor((index * 2) / 7) + 1;
  run.meta.plan = {
    planId: `course/week-${String(week)}/run-${String((index % 3) + 1)}`,
    name: 'Course run',
    courseWeek: week,
    courseRun: (index % 3) + 1,
  };
  if (index % 3 === 0) run.meta.group = { groupId: `group-week-${String(week)}`, size: 6, place: 2 };
  return run;
}

export function clientFileOf(file: ClientFile): Buffer {
  return Buffer.from(encodeClientFile(file, 'e2e', new Date(Date.UTC(2026, 9, 1, 12))), 'utf8');
}

/** The therapist's file of the client with these runs. */
export function therapistFile(runs: readonly SessionWithSamples[]): ClientFile {
  return { profile: clientProfile(), record: clientRecord(), sessions: [...runs] };
}
