import { isWholeSecondsDuration, MAX_PHASE_MS, type PlanPhase, type RunPlan } from './run-plan';

/**
 * A course: weeks of runs that build from short run/walk intervals to 30 minutes of continuous calm running. It is
 * plain data, so a therapist can edit it; {@link validateCourse} says what is wrong with an edited one.
 */

/** The kinds a course week's main part is made of; the warm-up and cool-down walks are added around it. */
export type CoursePhaseKind = 'run' | 'walk' | 'calm-run';

export interface CoursePhase {
  kind: CoursePhaseKind;
  durationMs: number;
}

/** `phases` done `repeat` times in a row, e.g. 8 × (run 1 min, walk 2 min). */
export interface CourseBlock {
  repeat: number;
  phases: readonly CoursePhase[];
}

export interface CourseWeek {
  /** 1-based, consecutive. */
  week: number;
  /** The main part of each of the week's runs, in order. */
  blocks: readonly CourseBlock[];
  /** Overrides the course's supervised run for this week. */
  supervisedRun?: number;
  /** For a derived course: the week of the source course this one is. */
  sourceWeek?: number;
}

export interface Course {
  id: string;
  name: string;
  /** Runs per week; every run of a week has the same plan. */
  runsPerWeek: number;
  /** Which run of each week (1-based) is the one run with the therapist or group. */
  supervisedRun: number;
  /** Every run starts with a walk of this length and ends with one of `coolDownWalkMs`. */
  warmUpWalkMs: number;
  coolDownWalkMs: number;
  weeks: readonly CourseWeek[];
}

const MINUTE_MS = 60_000;

function minutes(kind: CoursePhaseKind, durationMin: number): CoursePhase {
  return { kind, durationMs: Math.round(durationMin * MINUTE_MS) };
}

function runWalk(repeat: number, runMin: number, walkMin: number): CourseBlock {
  return { repeat, phases: [minutes('run', runMin), minutes('walk', walkMin)] };
}

function once(...phases: CoursePhase[]): CourseBlock {
  return { repeat: 1, phases };
}

/**
 * The default 12-week course, a gentler ramp than Couch to 5K (whose week 5 jumps from 8-minute blocks to 20
 * minutes). Main parts, in minutes: week 1 8 × (run 1, walk 2); 2: 7 × (1.5, 2); 3: 6 × (2, 2); 4: 5 × (3, 2);
 * 5: 4 × (4, 2); 6: 3 × (6, 2); 7: 2 × (10, 2); 8: run 12, walk 2, run 10; 9: 15, 2, 10; 10: 20, 2, 8;
 * 11: run 25; 12: run 30. Each run adds a 5-minute warm-up walk before and a 5-minute cool-down walk after (so
 * the interval weeks end with their last 2-minute walk, then the cool-down: taken literally as listed). Three
 * runs a week, the first one supervised. Weeks 1–10 are intervals ('run'); 11 and 12 are one continuous
 * 'calm-run'.
 */
export const defaultCourse12Weeks: Course = {
  id: 'calm-run-12-weeks',
  name: 'Calm running in 12 weeks',
  runsPerWeek: 3,
  supervisedRun: 1,
  warmUpWalkMs: 5 * MINUTE_MS,
  coolDownWalkMs: 5 * MINUTE_MS,
  weeks: [
    { week: 1, blocks: [runWalk(8, 1, 2)] },
    { week: 2, blocks: [runWalk(7, 1.5, 2)] },
    { week: 3, blocks: [runWalk(6, 2, 2)] },
    { week: 4, blocks: [runWalk(5, 3, 2)] },
    { week: 5, blocks: [runWalk(4, 4, 2)] },
    { week: 6, blocks: [runWalk(3, 6, 2)] },
    { week: 7, blocks: [runWalk(2, 10, 2)] },
    { week: 8, blocks: [once(minutes('run', 12), minutes('walk', 2), minutes('run', 10))] },
    { week: 9, blocks: [once(minutes('run', 15), minutes('walk', 2), minutes('run', 10))] },
    { week: 10, blocks: [once(minutes('run', 20), minutes('walk', 2), minutes('run', 8))] },
    { week: 11, blocks: [once(minutes('calm-run', 25))] },
    { week: 12, blocks: [once(minutes('calm-run', 30))] },
  ],
};

/** The main part of a week as phases, blocks expanded. */
export function weekMainPhases(week: CourseWeek): CoursePhase[] {
  const phases: CoursePhase[] = [];
  for (const block of week.blocks) {
    for (let r = 0; r < block.repeat; r++) phases.push(...block.phases);
  }
  return phases;
}

/** Which run of the week is supervised: the week's override, else the course's. */
export function supervisedRunOf(course: Course, week: CourseWeek): number {
  return week.supervisedRun ?? course.supervisedRun;
}

/**
 * The run plan for a run of a course: warm-up walk, the week's main part, cool-down walk. Every run of a week has
 * the same phases; `run` (1-based) only names it. Undefined for a week or run the course does not have.
 */
export function coursePlanFor(course: Course, weekNumber: number, run: number): RunPlan | undefined {
  const week = course.weeks.find((w) => w.week === weekNumber);
  if (week === undefined || !Number.isInteger(run) || run < 1 || run > course.runsPerWeek) return undefined;
  const phases: PlanPhase[] = [
    { kind: 'warm-up-walk', durationMs: course.warmUpWalkMs },
    ...weekMainPhases(week).map((p): PlanPhase => ({ kind: p.kind, durationMs: p.durationMs })),
    { kind: 'cool-down-walk', durationMs: course.coolDownWalkMs },
  ];
  return { id: `${course.id}/week-${weekNumber}/run-${run}`, name: course.name, phases };
}

function isRunning(phase: CoursePhase): boolean {
  return phase.kind === 'run' || phase.kind === 'calm-run';
}

/** Running time of a week's main part (ms): 'run' and 'calm-run'. */
export function weekRunningMs(week: CourseWeek): number {
  let totalMs = 0;
  for (const phase of weekMainPhases(week)) if (isRunning(phase)) totalMs += phase.durationMs;
  return totalMs;
}

/** The longest stretch of running without a walk in a week's main part (ms); adjacent run phases join. */
export function longestContinuousRunMs(week: CourseWeek): number {
  let longestMs = 0;
  let currentMs = 0;
  for (const phase of weekMainPhases(week)) {
    currentMs = isRunning(phase) ? currentMs + phase.durationMs : 0;
    longestMs = Math.max(longestMs, currentMs);
  }
  return longestMs;
}

/** A reason an (edited) course is not usable, as a code with its parameters; the screen words it. */
export type CourseIssue =
  | { code: 'no-weeks' }
  | { code: 'week-number'; index: number; expected: number; found: number }
  | { code: 'runs-per-week'; found: number }
  | { code: 'supervised-run'; week?: number; found: number }
  | { code: 'warm-up-walk'; found: number }
  | { code: 'cool-down-walk'; found: number }
  | { code: 'empty-week'; week: number }
  | { code: 'bad-repeat'; week: number; block: number }
  | { code: 'bad-kind'; week: number; block: number; phase: number }
  | { code: 'bad-duration'; week: number; block: number; phase: number }
  | { code: 'no-running'; week: number }
  | { code: 'week-too-long'; week: number; totalMs: number };

/** The course's rule: every run starts and ends with a walk of at least 5 minutes. */
export const MIN_WARM_UP_WALK_MS = 5 * MINUTE_MS;
/** Longest main part of a week accepted (ms): well above the 30-minute goal, low enough to catch a typo. */
export const MAX_WEEK_MAIN_MS = 2 * 60 * MINUTE_MS;
const MAX_RUNS_PER_WEEK = 7;
const MAX_REPEAT = 50;
const COURSE_PHASE_KINDS: readonly CoursePhaseKind[] = ['run', 'walk', 'calm-run'];

/**
 * Checks a course: weeks numbered 1, 2, … in order; 1–7 runs a week with the supervised run among them; warm-up
 * and cool-down walks of at least 5 minutes (whole seconds, at most 3 h); each week with at least one block, each
 * block repeated a whole 1–50 times, each phase of a known kind and a whole-seconds duration, some running in
 * every week, and a main part of at most 2 hours. Returns every issue found; empty when valid. Progression is not
 * enforced: a therapist may deliberately hold or step back a week.
 */
export function validateCourse(course: Course): CourseIssue[] {
  const issues: CourseIssue[] = [];
  if (course.weeks.length === 0) issues.push({ code: 'no-weeks' });
  const runsOk = Number.isInteger(course.runsPerWeek) && course.runsPerWeek >= 1;
  if (!runsOk || course.runsPerWeek > MAX_RUNS_PER_WEEK) {
    issues.push({ code: 'runs-per-week', found: course.runsPerWeek });
  }
  const supervisedOk = (run: number) => Number.isInteger(run) && run >= 1 && run <= course.runsPerWeek;
  if (!supervisedOk(course.supervisedRun))
    issues.push({ code: 'supervised-run', found: course.supervisedRun });
  if (
    !isWholeSecondsDuration(course.warmUpWalkMs, MAX_PHASE_MS) ||
    course.warmUpWalkMs < MIN_WARM_UP_WALK_MS
  ) {
    issues.push({ code: 'warm-up-walk', found: course.warmUpWalkMs });
  }
  if (
    !isWholeSecondsDuration(course.coolDownWalkMs, MAX_PHASE_MS) ||
    course.coolDownWalkMs < MIN_WARM_UP_WALK_MS
  ) {
    issues.push({ code: 'cool-down-walk', found: course.coolDownWalkMs });
  }
  course.weeks.forEach((week, index) => {
    const w = week.week;
    if (w !== index + 1) issues.push({ code: 'week-number', index, expected: index + 1, found: w });
    if (week.supervisedRun !== undefined && !supervisedOk(week.supervisedRun)) {
      issues.push({ code: 'supervised-run', week: w, found: week.supervisedRun });
    }
    if (week.blocks.length === 0 || week.blocks.every((b) => b.phases.length === 0)) {
      issues.push({ code: 'empty-week', week: w });
      return;
    }
    const issuesBefore = issues.length;
    week.blocks.forEach((block, b) => {
      if (!Number.isInteger(block.repeat) || block.repeat < 1 || block.repeat > MAX_REPEAT) {
        issues.push({ code: 'bad-repeat', week: w, block: b });
      }
      block.phases.forEach((phase, p) => {
        if (!COURSE_PHASE_KINDS.includes(phase.kind)) {
          issues.push({ code: 'bad-kind', week: w, block: b, phase: p });
        }
        if (!isWholeSecondsDuration(phase.durationMs, MAX_PHASE_MS)) {
          issues.push({ code: 'bad-duration', week: w, block: b, phase: p });
        }
      });
    });
    // Totals of malformed blocks would only repeat the issues above.
    if (issues.length > issuesBefore) return;
    if (weekRunningMs(week) === 0) issues.push({ code: 'no-running', week: w });
    let totalMs = 0;
    for (const phase of weekMainPhases(week)) totalMs += phase.durationMs;
    if (totalMs > MAX_WEEK_MAIN_MS) issues.push({ code: 'week-too-long', week: w, totalMs });
  });
  return issues;
}
