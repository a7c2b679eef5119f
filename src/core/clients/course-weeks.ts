import { isRunCompleted } from '../coaching/course-progress';
import type {
  ExertionScore,
  MoodReport,
  SessionKind,
  SessionPlanRef,
  SessionStatus,
  TimeInZoneMs,
} from '../session/session-model';
import { inZonePercent } from '../zones/zone-time';
import { addDays, courseWeekOn } from './calendar-days';
import type { CalendarDate, ClientCourse } from './client-record';

/**
 * What the course grid and the evaluation read of a stored session: a structural subset of both the history's
 * light record (`HistoryEntry`) and, through {@link sessionFactsOf}, a full `SessionMeta`.
 */
export interface SessionFacts {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  startedAtWallMs: number;
  runnerId?: string;
  /** A run of a therapist's group run (`SessionMeta.group` set). */
  supervised?: boolean;
  plan?: SessionPlanRef;
  before?: MoodReport;
  after?: MoodReport;
  exertion?: ExertionScore;
  summary?: {
    activeMs: number;
    timeInZoneMs?: TimeInZoneMs;
    averageHeartRateBpm?: number;
    rmssdMs?: number;
  };
}

/** The facts of a full session record (its `group` makes it supervised). */
export function sessionFactsOf(meta: Omit<SessionFacts, 'supervised'> & { group?: unknown }): SessionFacts {
  const { group, ...rest } = meta;
  return group === undefined ? rest : { ...rest, supervised: true };
}

/** A course run named by a session's plan, as the app's course knows it. */
export interface PlannedCourseRun {
  /** The planned run's whole duration (walks included), for {@link isRunCompleted}. */
  plannedMs: number;
  /** Whether it is its week's supervised run. */
  supervised: boolean;
}

export interface CourseWeeksOptions {
  /**
   * The local calendar day a wall-clock time falls on, in the time zone the runner lives in. Passed in so the
   * counting is the same on every machine; the app gives the device's own.
   */
  localDayOf: (wallMs: number) => CalendarDate;
  /** Today, as a local calendar day: weeks that start after it are still to come. */
  today: CalendarDate;
  /** The course run a session's plan names; undefined for a free run or a plan the app no longer knows. */
  plannedRunOf?: (plan: SessionPlanRef) => PlannedCourseRun | undefined;
}

/** Where a course week stands against today. */
export type CourseWeekTime = 'past' | 'current' | 'future';

export interface CourseWeekTally {
  /** 1-based. */
  week: number;
  startDate: CalendarDate;
  /** The week's last day (start + 6 days). */
  endDate: CalendarDate;
  time: CourseWeekTime;
  plannedRuns: number;
  /** Completed runs that count toward the plan: at most `plannedRuns`. */
  runsDone: number;
  /** Completed runs beyond the planned count. */
  extraRuns: number;
  /** Finished runs that fell short of their plan, and runs left unfinished. */
  runsNotCompleted: number;
  /** A completed supervised run (a group run, or the week's supervised course run) this week. */
  supervisedDone: boolean;
  /** Active time of every run of the week, completed or not, ms. */
  activeMs: number;
  /** Time below, in and above the zone over the week's runs, summed. */
  timeInZoneMs: TimeInZoneMs;
  /** {@link inZonePercent} of the week's summed zone time; undefined without time with a reading. */
  inZonePercent: number | undefined;
  /** A week that has begun (past or current) with no run at all. */
  empty: boolean;
}

export interface CourseWeeks {
  startDate: CalendarDate;
  /** The course's last day. */
  endDate: CalendarDate;
  weeks: CourseWeekTally[];
  /** Today is on or after the first day. */
  started: boolean;
  plannedRuns: number;
  runsDone: number;
  extraRuns: number;
  /** Completed runs before the first day, and after the last: outside the plan, counted apart. */
  runsBeforeStart: number;
  runsAfterEnd: number;
  /** Weeks whose last day has gone by, the current week, and weeks still to come. */
  pastWeeks: number;
  currentWeeks: number;
  futureWeeks: number;
  /** Past weeks with no run at all. */
  emptyPastWeeks: number;
  activeMs: number;
  timeInZoneMs: TimeInZoneMs;
  inZonePercent: number | undefined;
}

/** A course's last day: the day before week `weeks + 1` would start. */
export function courseEndDate(course: ClientCourse): CalendarDate {
  return addDays(course.startDate, course.weeks * 7 - 1);
}

function noZoneTime(): TimeInZoneMs {
  return { below: 0, inZone: 0, above: 0 };
}

function addZoneTime(total: TimeInZoneMs, time: TimeInZoneMs | undefined): void {
  if (!time) return;
  total.below += time.below;
  total.inZone += time.inZone;
  total.above += time.above;
}

/** Whether a run counts as done: finished, and with a known plan long enough ({@link isRunCompleted}). */
function isCompleted(session: SessionFacts, planned: PlannedCourseRun | undefined): boolean {
  const finished = session.status === 'finished';
  if (!planned) return finished;
  return isRunCompleted({ finished, activeMs: session.summary?.activeMs ?? 0, plannedMs: planned.plannedMs });
}

/**
 * A client's course week by week, by the calendar: week 1 is the seven local days from `startDate`, week n the
 * seven after week n − 1, whatever plan week a run was started as (a runner may repeat or skip ahead; the grid shows
 * what was run when). Only runs (`kind` 'run') count; breathing exercises and resting checks do not.
 *
 * Per week: planned runs (`runsPerWeek`); completed runs up to that number as done and beyond it as extra; runs that
 * fell short (unfinished, or under {@link isRunCompleted}'s share of a known plan); whether a completed supervised
 * run was among them (a group run, or a plan run that is its week's supervised one); active time of every run; the
 * zone time summed, its in-zone share by {@link inZonePercent}; and whether a begun week had no run at all.
 * Completed runs before the start or after the last day are counted apart, never in a week.
 */
export function courseWeeks(
  course: ClientCourse,
  sessions: readonly SessionFacts[],
  options: CourseWeeksOptions,
): CourseWeeks {
  // The same week count as the clients list's course status (courseStatusOn): one function, one answer.
  const todayWeek = courseWeekOn(course.startDate, options.today);
  const weeks: CourseWeekTally[] = Array.from({ length: course.weeks }, (_, index) => {
    const week = index + 1;
    const time: CourseWeekTime = week < todayWeek ? 'past' : week === todayWeek ? 'current' : 'future';
    return {
      week,
      startDate: addDays(course.startDate, index * 7),
      endDate: addDays(course.startDate, index * 7 + 6),
      time,
      plannedRuns: course.runsPerWeek,
      runsDone: 0,
      extraRuns: 0,
      runsNotCompleted: 0,
      supervisedDone: false,
      activeMs: 0,
      timeInZoneMs: noZoneTime(),
      inZonePercent: undefined,
      empty: false,
    };
  });
  const completedByWeek = new Array<number>(course.weeks).fill(0);
  const hadRun = new Array<boolean>(course.weeks).fill(false);
  let runsBeforeStart = 0;
  let runsAfterEnd = 0;

  for (const session of sessions) {
    if (session.kind !== 'run') continue;
    const planned = session.plan ? options.plannedRunOf?.(session.plan) : undefined;
    const completed = isCompleted(session, planned);
    const index = courseWeekOn(course.startDate, options.localDayOf(session.startedAtWallMs)) - 1;
    const tally = weeks[index];
    if (index < 0 || !tally) {
      if (completed && index < 0) runsBeforeStart++;
      else if (completed) runsAfterEnd++;
      continue;
    }
    hadRun[index] = true;
    tally.activeMs += session.summary?.activeMs ?? 0;
    addZoneTime(tally.timeInZoneMs, session.summary?.timeInZoneMs);
    if (!completed) {
      tally.runsNotCompleted++;
      continue;
    }
    completedByWeek[index] = (completedByWeek[index] ?? 0) + 1;
    if (session.supervised === true || planned?.supervised === true) tally.supervisedDone = true;
  }

  const total = noZoneTime();
  let activeMs = 0;
  for (const [index, tally] of weeks.entries()) {
    const completed = completedByWeek[index] ?? 0;
    tally.runsDone = Math.min(completed, tally.plannedRuns);
    tally.extraRuns = completed - tally.runsDone;
    tally.inZonePercent = inZonePercent(tally.timeInZoneMs);
    tally.empty = tally.time !== 'future' && hadRun[index] !== true;
    addZoneTime(total, tally.timeInZoneMs);
    activeMs += tally.activeMs;
  }

  const count = (time: CourseWeekTime) => weeks.filter((tally) => tally.time === time).length;
  return {
    startDate: course.startDate,
    endDate: courseEndDate(course),
    weeks,
    started: todayWeek >= 1,
    plannedRuns: course.weeks * course.runsPerWeek,
    runsDone: weeks.reduce((sum, tally) => sum + tally.runsDone, 0),
    extraRuns: weeks.reduce((sum, tally) => sum + tally.extraRuns, 0),
    runsBeforeStart,
    runsAfterEnd,
    pastWeeks: count('past'),
    currentWeeks: count('current'),
    futureWeeks: count('future'),
    emptyPastWeeks: weeks.filter((tally) => tally.time === 'past' && tally.empty).length,
    activeMs,
    timeInZoneMs: total,
    inZonePercent: inZonePercent(total),
  };
}
