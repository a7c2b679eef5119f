import { describe, expect, test } from 'vitest';
import type { ClientRecord } from '../../../../src/core/clients/client-record';
import { addDays } from '../../../../src/core/clients/calendar-days';
import type { SessionFacts } from '../../../../src/core/clients/course-weeks';
import {
  evaluationReport,
  reportSectionIds,
  type EvaluationReport,
  type ReportSection,
  type ReportSectionId,
} from '../../../../src/core/clients/evaluation-report';
import { amsterdamDayOf, amsterdamWallMs, courseRun } from './support/client-sessions';

const startDate = '2026-03-16';
const record: ClientRecord = {
  runnerId: 'anna',
  goals: 'Sleep better and feel calmer at work',
  course: { weeks: 12, startDate, runsPerWeek: 3 },
  notes: [],
  updatedAtWallMs: 0,
};
const options = { localDayOf: amsterdamDayOf, today: '2026-06-20' };

function section<Id extends ReportSectionId>(
  report: EvaluationReport,
  id: Id,
): Extract<ReportSection, { id: Id }> {
  const found = report.sections.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no ${id} section`);
  return found as Extract<ReportSection, { id: Id }>;
}

function keys(report: EvaluationReport, id: ReportSectionId): string[] {
  return section(report, id).sentences.map((sentence) => sentence.key);
}

/** A run on a day of the course, 18:00 local. */
function run(day: number, overrides: Partial<SessionFacts> = {}): SessionFacts {
  return courseRun({ id: `run-${day}`, wallMs: amsterdamWallMs(addDays(startDate, day), 18), ...overrides });
}

function restingCheck(day: number, restingHrBpm: number, rmssdMs: number | undefined): SessionFacts {
  return {
    id: `rest-${day}`,
    kind: 'resting',
    status: 'finished',
    startedAtWallMs: amsterdamWallMs(addDays(startDate, day), 9),
    runnerId: 'anna',
    summary: {
      activeMs: 300_000,
      averageHeartRateBpm: restingHrBpm,
      ...(rmssdMs !== undefined && { rmssdMs }),
    },
  };
}

/** Twelve weeks of three runs: Monday with the group, Wednesday and Saturday alone; feeling better as weeks go. */
function fullCourse(): SessionFacts[] {
  const sessions: SessionFacts[] = [];
  for (let week = 0; week < 12; week++) {
    for (const [index, day] of [0, 2, 5].entries()) {
      sessions.push(
        run(week * 7 + day, {
          ...(index === 0 && { supervised: true }),
          before: { feeling: week < 6 ? -1 : 1, arousal: 4 },
          after: { feeling: week < 6 ? 2 : 3, arousal: 3 },
          exertion: 3,
          summary: {
            activeMs: (20 + week) * 60_000,
            timeInZoneMs: { below: 0, inZone: 3 * 60_000, above: 60_000 },
          },
        }),
      );
    }
  }
  return sessions;
}

describe('evaluationReport', () => {
  test('prints every section in order, each with a sentence', () => {
    const report = evaluationReport({ clientName: 'Anna', record, sessions: [], options });
    expect(report.sections.map((candidate) => candidate.id)).toEqual(reportSectionIds);
    for (const candidate of report.sections) expect(candidate.sentences.length).toBeGreaterThan(0);
    expect(report.course).toEqual({ startDate, endDate: '2026-06-07', weeks: 12, runsPerWeek: 3 });
    expect(report.clientName).toBe('Anna');
    expect(report.goals).toBe(record.goals);
  });

  test('0 runs: every section says what is missing instead of drawing empty axes', () => {
    const report = evaluationReport({ clientName: 'Anna', record, sessions: [], options });
    expect(report.sections.every((candidate) => !candidate.hasData)).toBe(true);
    expect(section(report, 'runs').sentences).toEqual([{ key: 'runs-none', values: { weeks: 12 } }]);
    expect(keys(report, 'minutes')).toEqual(['minutes-none']);
    expect(keys(report, 'zone')).toEqual(['zone-none']);
    expect(keys(report, 'resting')).toEqual(['resting-none']);
    expect(keys(report, 'mood')).toEqual(['mood-none']);
    expect(keys(report, 'exertion')).toEqual(['exertion-none']);
    expect(keys(report, 'notes')).toEqual(['notes-none']);
    expect(keys(report, 'intake')).toEqual(['intake-none']);
    expect(section(report, 'zone').weeks).toEqual([]);
  });

  test('2 runs: counted against the whole plan, with what is missing said', () => {
    const sessions = [
      run(0, {
        before: { feeling: -1, arousal: 5 },
        after: { feeling: 2, arousal: 3 },
        exertion: 4,
      }),
      run(3, { before: { feeling: 1, arousal: 4 }, exertion: 2, summary: { activeMs: 25 * 60_000 } }),
    ];
    const report = evaluationReport({ clientName: 'Anna', record, sessions, options });
    expect(section(report, 'runs').sentences).toEqual([
      { key: 'runs-done', values: { done: 2, planned: 36, weeksReached: 1, weeks: 12, minimum: 2 } },
      { key: 'runs-supervised', values: { done: 0, weeks: 12 } },
    ]);
    expect(section(report, 'minutes').sentences).toEqual([
      { key: 'minutes-run', values: { minutes: 55, averageMinutes: 55 / 12, weeks: 12 } },
    ]);
    expect(section(report, 'minutes').weeks.map((week) => week.value)).toEqual([
      55,
      ...new Array<number>(11).fill(0),
    ]);
    // Only the first run has a zone time: 1,500 of 1,800 s with a reading.
    expect(section(report, 'zone').sentences).toEqual([
      { key: 'zone-share', values: { percent: 83, weeksWithZone: 1 } },
    ]);
    // Only one run has both answers: the means are over that one, the other still in the chart's data.
    expect(section(report, 'mood').sentences).toEqual([
      { key: 'mood-feeling', values: { runs: 1, before: -1, after: 2, betterOrSame: 1 } },
      { key: 'mood-arousal', values: { runs: 1, before: 5, after: 3 } },
    ]);
    expect(section(report, 'mood').runs).toHaveLength(2);
    expect(section(report, 'exertion').sentences).toEqual([
      { key: 'exertion-average', values: { runs: 2, average: 3, word: 3 } },
    ]);
    expect(keys(report, 'resting')).toEqual(['resting-none']);
  });

  test('36 runs and 3 resting checks: the whole course in sentences and data', () => {
    const sessions = [
      ...fullCourse(),
      restingCheck(-3, 68, 40),
      restingCheck(42, 64, 48),
      restingCheck(83, 61, 55),
    ];
    const withNotes: ClientRecord = {
      ...record,
      notes: [
        {
          id: 'n2',
          writtenAtWallMs: amsterdamWallMs('2026-05-01', 12),
          text: 'Runs the last ten minutes without a break.',
        },
        {
          id: 'n1',
          writtenAtWallMs: amsterdamWallMs('2026-03-20', 12),
          text: 'Nervous before the first group run.',
        },
      ],
      intake: {
        date: '2026-03-13',
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
        ageYears: 44,
        advice: ['sports-medical-check'],
        feelingAtRest: 0,
        arousalAtRest: 4,
      },
    };
    const report = evaluationReport({ clientName: 'Anna', record: withNotes, sessions, options });
    expect(report.sections.every((candidate) => candidate.hasData)).toBe(true);
    expect(section(report, 'runs').sentences).toEqual([
      { key: 'runs-done', values: { done: 36, planned: 36, weeksReached: 12, weeks: 12, minimum: 2 } },
      { key: 'runs-supervised', values: { done: 12, weeks: 12 } },
    ]);
    expect(section(report, 'runs').weeks.map((week) => week.runsDone)).toEqual(new Array<number>(12).fill(3));
    // (20 + 21 + … + 31) minutes × 3 runs.
    expect(section(report, 'minutes').sentences).toEqual([
      { key: 'minutes-run', values: { minutes: 918, averageMinutes: 76.5, weeks: 12 } },
    ]);
    expect(section(report, 'minutes').weeks.map((week) => week.value)).toEqual([
      60, 63, 66, 69, 72, 75, 78, 81, 84, 87, 90, 93,
    ]);
    expect(section(report, 'zone').sentences).toEqual([
      { key: 'zone-share', values: { percent: 75, weeksWithZone: 12 } },
    ]);
    expect(section(report, 'resting').sentences).toEqual([
      { key: 'resting-heart-rate', values: { checks: 3, firstBpm: 68, lastBpm: 61 } },
      { key: 'resting-ln-rmssd', values: { checks: 3, first: Math.log(40), last: Math.log(55) } },
    ]);
    expect(section(report, 'resting').checks.map((check) => check.id)).toEqual([
      'rest--3',
      'rest-42',
      'rest-83',
    ]);
    expect(section(report, 'mood').sentences).toEqual([
      { key: 'mood-feeling', values: { runs: 36, before: 0, after: 2.5, betterOrSame: 36 } },
      { key: 'mood-arousal', values: { runs: 36, before: 4, after: 3 } },
    ]);
    expect(section(report, 'exertion').runs).toHaveLength(36);
    expect(section(report, 'notes').notes.map((note) => note.id)).toEqual(['n1', 'n2']);
    expect(section(report, 'notes').sentences).toEqual([{ key: 'notes-count', values: { count: 2 } }]);
    expect(section(report, 'intake').sentences).toEqual([
      { key: 'intake-done', values: { date: '2026-03-13', advice: 'sports-medical-check' } },
      { key: 'intake-at-rest', values: { feeling: 0, arousal: 4 } },
    ]);
  });

  test('a refused resting check keeps its heart rate and is said to be refused', () => {
    const sessions = [restingCheck(0, 70, undefined), restingCheck(80, 63, 52)];
    const report = evaluationReport({ clientName: 'Anna', record, sessions, options });
    expect(section(report, 'resting').sentences).toEqual([
      { key: 'resting-heart-rate', values: { checks: 2, firstBpm: 70, lastBpm: 63 } },
      { key: 'resting-ln-rmssd-one', values: { value: Math.log(52) } },
      { key: 'resting-refused', values: { refused: 1 } },
    ]);
  });

  test('runs outside the course and extras are said, and left out of mood and exertion', () => {
    const sessions = [
      run(-2, { exertion: 9 }),
      run(0),
      run(1),
      run(2),
      run(3, { exertion: 2 }),
      run(90, { exertion: 9 }),
    ];
    const report = evaluationReport({ clientName: 'Anna', record, sessions, options });
    expect(section(report, 'runs').sentences).toContainEqual({ key: 'runs-extra', values: { extra: 1 } });
    expect(section(report, 'runs').sentences).toContainEqual({
      key: 'runs-outside',
      values: { beforeStart: 1, afterEnd: 1 },
    });
    expect(section(report, 'exertion').runs.map((point) => point.exertion)).toEqual([2]);
  });

  test('a course under way says how many weeks are still to come; one not started says when it starts', () => {
    const underWay = evaluationReport({
      clientName: 'Anna',
      record,
      sessions: [run(0)],
      options: { ...options, today: addDays(startDate, 15) },
    });
    expect(section(underWay, 'runs').sentences).toContainEqual({ key: 'runs-to-come', values: { weeks: 9 } });
    expect(
      section(underWay, 'minutes')
        .weeks.map((week) => week.value)
        .slice(2, 4),
    ).toEqual([0, undefined]);
    const notYet = evaluationReport({
      clientName: 'Anna',
      record,
      sessions: [],
      options: { ...options, today: '2026-03-01' },
    });
    expect(section(notYet, 'runs').sentences).toEqual([{ key: 'course-not-started', values: { startDate } }]);
  });

  test('without a course, the week sections say so', () => {
    const { course: _course, ...noCourse } = record;
    const report = evaluationReport({ clientName: undefined, record: noCourse, sessions: [run(0)], options });
    expect(keys(report, 'runs')).toEqual(['no-course']);
    expect(report.course).toBeUndefined();
    // Every finished run counts for mood and exertion then.
    expect(section(report, 'exertion').hasData).toBe(false);
  });
});
