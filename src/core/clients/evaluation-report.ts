import type { ExertionScore, MoodReport } from '../session/session-model';
import { dayNumber } from './calendar-days';
import type { CalendarDate, ClientNote, ClientRecord, IntakeAdvice } from './client-record';
import {
  courseEndDate,
  courseWeeks,
  type CourseWeekTally,
  type CourseWeekTime,
  type CourseWeeksOptions,
  type SessionFacts,
} from './course-weeks';

/**
 * The evaluation a therapist hands over at the end of a course: sections of data, each with plain sentences that
 * say what it shows, or what is missing when there is nothing to show. Sentences are keys with values; the words
 * come from i18n (`report-words.ts`), so one report reads in Dutch and English.
 */

export type ReportSectionId =
  'runs' | 'minutes' | 'zone' | 'resting' | 'mood' | 'exertion' | 'notes' | 'intake';

/** The order the sections are printed in. */
export const reportSectionIds: readonly ReportSectionId[] = [
  'runs',
  'minutes',
  'zone',
  'resting',
  'mood',
  'exertion',
  'notes',
  'intake',
];

export type ReportSentence =
  | { key: 'no-course' }
  | { key: 'course-not-started'; values: { startDate: CalendarDate } }
  | {
      key: 'runs-done';
      /** Done of planned over the weeks begun; weeks with at least `minimum` runs of them. */
      values: { done: number; planned: number; weeksReached: number; weeks: number; minimum: number };
    }
  | { key: 'runs-none'; values: { weeks: number } }
  | { key: 'runs-supervised'; values: { done: number; weeks: number } }
  | { key: 'runs-extra'; values: { extra: number } }
  | { key: 'runs-outside'; values: { beforeStart: number; afterEnd: number } }
  | { key: 'runs-to-come'; values: { weeks: number } }
  | { key: 'minutes-run'; values: { minutes: number; averageMinutes: number; weeks: number } }
  | { key: 'minutes-none' }
  | { key: 'zone-share'; values: { percent: number; weeksWithZone: number } }
  | { key: 'zone-none' }
  | { key: 'resting-heart-rate'; values: { checks: number; firstBpm: number; lastBpm: number } }
  | { key: 'resting-heart-rate-one'; values: { bpm: number } }
  | { key: 'resting-ln-rmssd'; values: { checks: number; first: number; last: number } }
  | { key: 'resting-ln-rmssd-one'; values: { value: number } }
  | { key: 'resting-refused'; values: { refused: number } }
  | { key: 'resting-none' }
  | {
      key: 'mood-feeling';
      /** Mean Feeling Scale before and after, over runs with both; runs that felt as good or better after. */
      values: { runs: number; before: number; after: number; betterOrSame: number };
    }
  | { key: 'mood-arousal'; values: { runs: number; before: number; after: number } }
  | { key: 'mood-none' }
  | { key: 'exertion-average'; values: { runs: number; average: number; word: ExertionScore } }
  | { key: 'exertion-none' }
  | { key: 'notes-count'; values: { count: number } }
  | { key: 'notes-none' }
  | { key: 'intake-done'; values: { date: CalendarDate; advice: IntakeAdvice } }
  | { key: 'intake-at-rest'; values: { feeling: number; arousal: number } }
  | { key: 'intake-heart-rate-medication' }
  | { key: 'intake-none' };

export type ReportSentenceKey = ReportSentence['key'];

/** One week's bar: its number, where it stands against today, and the value (undefined: nothing to show). */
export interface WeekValue {
  week: number;
  time: CourseWeekTime;
  value: number | undefined;
}

/** One resting check: resting heart rate, and ln RMSSD unless the check was refused. */
export interface RestingPoint {
  id: string;
  wallMs: number;
  restingHrBpm?: number;
  lnRmssd?: number;
}

/** One run's mood before and after, each as far as it was answered. */
export interface MoodPoint {
  id: string;
  wallMs: number;
  before?: MoodReport;
  after?: MoodReport;
}

export interface ExertionPoint {
  id: string;
  wallMs: number;
  exertion: ExertionScore;
}

interface SectionBase {
  sentences: ReportSentence[];
  /** Whether there is data for a chart or list; false: the sentences say what is missing. */
  hasData: boolean;
}

export type ReportSection =
  | (SectionBase & { id: 'runs'; weeks: CourseWeekTally[] })
  | (SectionBase & { id: 'minutes'; weeks: WeekValue[] })
  | (SectionBase & { id: 'zone'; weeks: WeekValue[] })
  | (SectionBase & { id: 'resting'; checks: RestingPoint[] })
  | (SectionBase & { id: 'mood'; runs: MoodPoint[] })
  | (SectionBase & { id: 'exertion'; runs: ExertionPoint[] })
  | (SectionBase & { id: 'notes'; notes: ClientNote[] })
  | (SectionBase & {
      id: 'intake';
      intake?: { date: CalendarDate; advice: IntakeAdvice[] };
    });

export interface EvaluationReport {
  /** The runner profile's name; undefined when the profile is gone. */
  clientName: string | undefined;
  goals: string;
  course?: { startDate: CalendarDate; endDate: CalendarDate; weeks: number; runsPerWeek: number };
  sections: ReportSection[];
}

export interface EvaluationInput {
  clientName: string | undefined;
  record: ClientRecord;
  /** The client's sessions, any kind, any order. */
  sessions: readonly SessionFacts[];
  options: CourseWeeksOptions;
}

const minuteMs = 60_000;

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function byTime<T extends { startedAtWallMs: number; id: string }>(a: T, b: T): number {
  return a.startedAtWallMs - b.startedAtWallMs || a.id.localeCompare(b.id);
}

/** Finished runs of the course (from its first to its last day), or every finished run without a course. */
function courseRunsOf(input: EvaluationInput): SessionFacts[] {
  const course = input.record.course;
  const first = course ? dayNumber(course.startDate) : -Infinity;
  const last = course ? dayNumber(courseEndDate(course)) : Infinity;
  return input.sessions
    .filter((session) => {
      if (session.kind !== 'run' || session.status !== 'finished') return false;
      const day = dayNumber(input.options.localDayOf(session.startedAtWallMs));
      return day >= first && day <= last;
    })
    .sort(byTime);
}

function weekSections(input: EvaluationInput): ReportSection[] {
  const course = input.record.course;
  if (!course) {
    const sentences: ReportSentence[] = [{ key: 'no-course' }];
    return [
      { id: 'runs', sentences, hasData: false, weeks: [] },
      { id: 'minutes', sentences, hasData: false, weeks: [] },
      { id: 'zone', sentences, hasData: false, weeks: [] },
    ];
  }
  const tally = courseWeeks(course, input.sessions, input.options);
  const begun = tally.weeks.filter((week) => week.time !== 'future');
  if (!tally.started) {
    const sentences: ReportSentence[] = [
      { key: 'course-not-started', values: { startDate: course.startDate } },
    ];
    return [
      { id: 'runs', sentences, hasData: false, weeks: tally.weeks },
      { id: 'minutes', sentences, hasData: false, weeks: [] },
      { id: 'zone', sentences, hasData: false, weeks: [] },
    ];
  }

  const ranAny = tally.weeks.some((week) => week.runsDone + week.extraRuns + week.runsNotCompleted > 0);
  const runSentences: ReportSentence[] = [];
  if (tally.runsDone + tally.extraRuns === 0) {
    runSentences.push({ key: 'runs-none', values: { weeks: begun.length } });
  } else {
    const minimum = Math.min(2, course.runsPerWeek);
    runSentences.push({
      key: 'runs-done',
      values: {
        done: tally.runsDone,
        planned: begun.length * course.runsPerWeek,
        weeksReached: begun.filter((week) => week.runsDone + week.extraRuns >= minimum).length,
        weeks: begun.length,
        minimum,
      },
    });
    runSentences.push({
      key: 'runs-supervised',
      values: { done: begun.filter((week) => week.supervisedDone).length, weeks: begun.length },
    });
  }
  if (tally.extraRuns > 0) runSentences.push({ key: 'runs-extra', values: { extra: tally.extraRuns } });
  if (tally.runsBeforeStart + tally.runsAfterEnd > 0) {
    runSentences.push({
      key: 'runs-outside',
      values: { beforeStart: tally.runsBeforeStart, afterEnd: tally.runsAfterEnd },
    });
  }
  if (tally.futureWeeks > 0) runSentences.push({ key: 'runs-to-come', values: { weeks: tally.futureWeeks } });

  const minutes = Math.round(tally.activeMs / minuteMs);
  const minuteWeeks = tally.weeks.map((week) => ({
    week: week.week,
    time: week.time,
    value: week.time === 'future' ? undefined : Math.round(week.activeMs / minuteMs),
  }));
  const zoneWeeks = tally.weeks.map((week) => ({
    week: week.week,
    time: week.time,
    value: week.inZonePercent,
  }));
  const zonePercent = tally.inZonePercent;
  return [
    { id: 'runs', sentences: runSentences, hasData: ranAny, weeks: tally.weeks },
    {
      id: 'minutes',
      sentences: ranAny
        ? [
            {
              key: 'minutes-run',
              values: {
                minutes,
                averageMinutes: tally.activeMs / minuteMs / begun.length,
                weeks: begun.length,
              },
            },
          ]
        : [{ key: 'minutes-none' }],
      hasData: ranAny,
      weeks: ranAny ? minuteWeeks : [],
    },
    {
      id: 'zone',
      sentences:
        zonePercent === undefined
          ? [{ key: 'zone-none' }]
          : [
              {
                key: 'zone-share',
                values: {
                  percent: zonePercent,
                  weeksWithZone: zoneWeeks.filter((week) => week.value !== undefined).length,
                },
              },
            ],
      hasData: zonePercent !== undefined,
      weeks: zonePercent === undefined ? [] : zoneWeeks,
    },
  ];
}

function restingSection(input: EvaluationInput): ReportSection {
  const checks = input.sessions
    .filter((session) => session.kind === 'resting' && session.status === 'finished')
    .sort(byTime)
    .map((session): RestingPoint => {
      const point: RestingPoint = { id: session.id, wallMs: session.startedAtWallMs };
      const bpm = session.summary?.averageHeartRateBpm;
      const rmssdMs = session.summary?.rmssdMs;
      if (bpm !== undefined) point.restingHrBpm = bpm;
      if (rmssdMs !== undefined && rmssdMs > 0) point.lnRmssd = Math.log(rmssdMs);
      return point;
    });
  if (checks.length === 0)
    return { id: 'resting', sentences: [{ key: 'resting-none' }], hasData: false, checks };
  const sentences: ReportSentence[] = [];
  const heartRates = checks.flatMap((check) =>
    check.restingHrBpm === undefined ? [] : [check.restingHrBpm],
  );
  const lnValues = checks.flatMap((check) => (check.lnRmssd === undefined ? [] : [check.lnRmssd]));
  const [firstBpm] = heartRates;
  const lastBpm = heartRates.at(-1);
  if (firstBpm !== undefined && lastBpm !== undefined) {
    sentences.push(
      heartRates.length === 1
        ? { key: 'resting-heart-rate-one', values: { bpm: firstBpm } }
        : { key: 'resting-heart-rate', values: { checks: heartRates.length, firstBpm, lastBpm } },
    );
  }
  const [first] = lnValues;
  const last = lnValues.at(-1);
  if (first !== undefined && last !== undefined) {
    sentences.push(
      lnValues.length === 1
        ? { key: 'resting-ln-rmssd-one', values: { value: first } }
        : { key: 'resting-ln-rmssd', values: { checks: lnValues.length, first, last } },
    );
  }
  const refused = checks.length - lnValues.length;
  if (refused > 0) sentences.push({ key: 'resting-refused', values: { refused } });
  return { id: 'resting', sentences, hasData: true, checks };
}

function moodSection(runs: readonly SessionFacts[]): ReportSection {
  const points = runs
    .filter((run) => run.before !== undefined || run.after !== undefined)
    .map((run): MoodPoint => {
      const point: MoodPoint = { id: run.id, wallMs: run.startedAtWallMs };
      if (run.before) point.before = run.before;
      if (run.after) point.after = run.after;
      return point;
    });
  const paired = points.flatMap((point) =>
    point.before && point.after ? [{ before: point.before, after: point.after }] : [],
  );
  if (paired.length === 0) {
    return { id: 'mood', sentences: [{ key: 'mood-none' }], hasData: points.length > 0, runs: points };
  }
  return {
    id: 'mood',
    sentences: [
      {
        key: 'mood-feeling',
        values: {
          runs: paired.length,
          before: mean(paired.map((pair) => pair.before.feeling)),
          after: mean(paired.map((pair) => pair.after.feeling)),
          betterOrSame: paired.filter((pair) => pair.after.feeling >= pair.before.feeling).length,
        },
      },
      {
        key: 'mood-arousal',
        values: {
          runs: paired.length,
          before: mean(paired.map((pair) => pair.before.arousal)),
          after: mean(paired.map((pair) => pair.after.arousal)),
        },
      },
    ],
    hasData: true,
    runs: points,
  };
}

function exertionSection(runs: readonly SessionFacts[]): ReportSection {
  const points = runs.flatMap((run): ExertionPoint[] =>
    run.exertion === undefined ? [] : [{ id: run.id, wallMs: run.startedAtWallMs, exertion: run.exertion }],
  );
  if (points.length === 0)
    return { id: 'exertion', sentences: [{ key: 'exertion-none' }], hasData: false, runs: [] };
  const average = mean(points.map((point) => point.exertion));
  return {
    id: 'exertion',
    sentences: [
      {
        key: 'exertion-average',
        values: { runs: points.length, average, word: Math.round(average) as ExertionScore },
      },
    ],
    hasData: true,
    runs: points,
  };
}

function notesSection(record: ClientRecord): ReportSection {
  const notes = [...record.notes].sort((a, b) => a.writtenAtWallMs - b.writtenAtWallMs);
  return {
    id: 'notes',
    sentences:
      notes.length === 0
        ? [{ key: 'notes-none' }]
        : [{ key: 'notes-count', values: { count: notes.length } }],
    hasData: notes.length > 0,
    notes,
  };
}

function intakeSection(record: ClientRecord): ReportSection {
  const intake = record.intake;
  const [advice] = intake?.advice ?? [];
  if (!intake || advice === undefined) {
    return { id: 'intake', sentences: [{ key: 'intake-none' }], hasData: false };
  }
  const sentences: ReportSentence[] = [{ key: 'intake-done', values: { date: intake.date, advice } }];
  if (intake.feelingAtRest !== undefined && intake.arousalAtRest !== undefined) {
    sentences.push({
      key: 'intake-at-rest',
      values: { feeling: intake.feelingAtRest, arousal: intake.arousalAtRest },
    });
  }
  if (intake.heartRateBlockingMedication) sentences.push({ key: 'intake-heart-rate-medication' });
  return { id: 'intake', sentences, hasData: true, intake: { date: intake.date, advice: intake.advice } };
}

/**
 * The evaluation of one client's course. Runs counted week by week by {@link courseWeeks} (runs done against
 * planned, minutes, in-zone share); the mood, exertion and their sentences over the finished runs of the course's
 * days; the resting checks (kind 'resting') over the whole record, as the intake's check comes before the course:
 * resting heart rate (`summary.averageHeartRateBpm`) and ln RMSSD (natural log of `summary.rmssdMs`, ms; a refused
 * check has none). Every section says what is missing when it has nothing to show.
 */
export function evaluationReport(input: EvaluationInput): EvaluationReport {
  const { record } = input;
  const runs = courseRunsOf(input);
  const course = record.course;
  return {
    clientName: input.clientName,
    goals: record.goals,
    ...(course && {
      course: {
        startDate: course.startDate,
        endDate: courseEndDate(course),
        weeks: course.weeks,
        runsPerWeek: course.runsPerWeek,
      },
    }),
    sections: [
      ...weekSections(input),
      restingSection(input),
      moodSection(runs),
      exertionSection(runs),
      notesSection(record),
      intakeSection(record),
    ],
  };
}
