import { supervisedRunOf, type Course } from './course-plan';

/**
 * A run counts as completed when the session was finished (not abandoned or lost) and its active time reached
 * this share of the plan's total. Only time counts, never what the runner did with it: walking during a run
 * phase, or a walk break taken when it felt right, never fails a run; ending before the cool-down walk is over
 * still completes it (the cool-down is 5 of at least 34 minutes, 15 %).
 */
export const RUN_COMPLETION_SHARE = 0.8;

/** Whether a session completed its planned run (see {@link RUN_COMPLETION_SHARE}). */
export function isRunCompleted(session: { finished: boolean; activeMs: number; plannedMs: number }): boolean {
  return session.finished && session.activeMs >= RUN_COMPLETION_SHARE * session.plannedMs;
}

/** A stored session of a course run, with whether it completed the run ({@link isRunCompleted}). */
export interface CourseRunRecord {
  week: number;
  run: number;
  completed: boolean;
}

export interface RunProgress {
  run: number;
  supervised: boolean;
  /** Completed sessions of this run, repeats included. */
  timesCompleted: number;
}

export interface WeekProgress {
  week: number;
  runs: RunProgress[];
  /** Distinct runs of the week completed at least once. */
  runsDone: number;
  /** Every run of the week completed at least once. */
  complete: boolean;
  /** Some run of the week was completed more than once: the week was repeated (which is fine). */
  repeated: boolean;
}

export interface SuggestedRun {
  week: number;
  run: number;
  supervised: boolean;
}

export interface CourseProgress {
  weeks: WeekProgress[];
  /** Weeks with every run done. */
  completedWeeks: number;
  /** The run to do next; null once the last week has been completed. */
  next: SuggestedRun | null;
}

/**
 * Course progress from the course's stored sessions, given in the order they were run.
 *
 * Counts: per week and run, how many sessions completed it; a week is complete when each of its runs was
 * completed at least once. Sessions that did not complete their run, or name a week or run the course does not
 * have (e.g. after an edit shortened it), do not count.
 *
 * Next run: it follows the runner rather than insisting on order, so any week can be repeated and a therapist
 * can move a runner on. The most recent completed session sets the current week; a "pass" through that week is
 * the runs completed in it since the runner last did a session of another week. Until the pass holds every run,
 * the next run is the lowest run missing from it; then it is run 1 of the following week (null after the last
 * week). So after weeks 1–5, redoing week 4 suggests the rest of week 4 and then week 5 again. With no completed
 * session yet it is week 1, run 1.
 */
export function courseProgress(course: Course, records: readonly CourseRunRecord[]): CourseProgress {
  const runsPerWeek = course.runsPerWeek;
  const timesByWeek = new Map<number, number[]>();
  for (const week of course.weeks) timesByWeek.set(week.week, new Array<number>(runsPerWeek).fill(0));

  let currentWeek: number | undefined;
  let pass = new Set<number>();
  for (const record of records) {
    const times = timesByWeek.get(record.week);
    if (!record.completed || times === undefined) continue;
    if (!Number.isInteger(record.run) || record.run < 1 || record.run > runsPerWeek) continue;
    times[record.run - 1] = (times[record.run - 1] ?? 0) + 1;
    if (record.week !== currentWeek) {
      currentWeek = record.week;
      pass = new Set<number>();
    }
    pass.add(record.run);
  }

  const weeks = course.weeks.map((week): WeekProgress => {
    const times = timesByWeek.get(week.week) ?? [];
    const supervisedRun = supervisedRunOf(course, week);
    const runs = times.map((timesCompleted, i) => ({
      run: i + 1,
      supervised: i + 1 === supervisedRun,
      timesCompleted,
    }));
    const runsDone = runs.filter((r) => r.timesCompleted > 0).length;
    return {
      week: week.week,
      runs,
      runsDone,
      complete: runsDone === runsPerWeek,
      repeated: runs.some((r) => r.timesCompleted > 1),
    };
  });

  return {
    weeks,
    completedWeeks: weeks.filter((w) => w.complete).length,
    next: nextRun(course, currentWeek, pass),
  };
}

function nextRun(
  course: Course,
  currentWeek: number | undefined,
  pass: ReadonlySet<number>,
): SuggestedRun | null {
  const index = currentWeek === undefined ? 0 : course.weeks.findIndex((w) => w.week === currentWeek);
  let week = course.weeks[index];
  if (week === undefined) return null;
  let run = 1;
  if (currentWeek !== undefined) {
    while (run <= course.runsPerWeek && pass.has(run)) run++;
    if (run > course.runsPerWeek) {
      week = course.weeks[index + 1];
      if (week === undefined) return null;
      run = 1;
    }
  }
  return { week: week.week, run, supervised: run === supervisedRunOf(course, week) };
}
