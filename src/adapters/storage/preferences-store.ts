import * as v from 'valibot';
import type { RunnerProfile } from '../../core/zones/runner-profile';
import {
  defaultCourse12Weeks,
  MAX_PHASE_MS,
  validateCourse,
  type CourseWeek,
} from '../../core/coaching/index';
import { COURSE_TEXT_LIMITS, MAX_BLOCK_REPEAT } from '../../core/coaching/course-text-limits';
import { BREATHING_RATES } from '../../core/breathing/pacer';

/**
 * Small settings that live in localStorage: runner profiles, the chosen runner and course, the therapist's own
 * course, how cues sound, and each runner's own breathing rate.
 * Read through a schema: a damaged or hand-edited value is replaced by defaults field by field, never thrown.
 */
export interface CoachingPreferences {
  voice: boolean;
  tones: boolean;
  vibration: boolean;
  volume: number;
  voiceName?: string;
  /** "You may speed up a little" below the zone: only for runners who ask for it. */
  lowSideCues: boolean;
  /** Seconds above the zone before "slow down a little". */
  graceSeconds: number;
  /** An optional status (time run, heart rate) every N minutes; 0 is off. */
  statusEveryMinutes: number;
  /** In a group run, a tile that rises for attention sounds a short tone and vibrates the therapist's device. */
  groupAlerts: boolean;
}

export interface CourseChoice {
  weeks: 8 | 10 | 12;
  /** A run the runner picked over the suggestion; undefined follows the course. */
  chosenWeek?: number;
}

/**
 * The therapist's own course for this device: only its weeks. Runs per week, the supervised run and the walks
 * around each run stay those of the default course (see `src/app/course.ts`).
 */
export interface CustomCourse {
  weeks: CourseWeek[];
}

export interface Preferences {
  runners: RunnerProfile[];
  activeRunnerId?: string;
  coaching: CoachingPreferences;
  course?: CourseChoice;
  customCourse?: CustomCourse;
  /**
   * Each runner's own breathing rate (breaths a minute) from the resonance finder, by runner id; the key
   * {@link NO_RUNNER_KEY} holds the rate found while no runner profile existed.
   */
  ownBreathingRates?: Record<string, number>;
}

/** The key of the own breathing rate found while no runner profile existed. */
export const NO_RUNNER_KEY = '';

export const defaultCoachingPreferences: CoachingPreferences = {
  voice: true,
  tones: false,
  vibration: true,
  volume: 0.9,
  lowSideCues: false,
  graceSeconds: 20,
  statusEveryMinutes: 0,
  groupAlerts: true,
};

const storageKey = 'calm-run.preferences';

const bpm = v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(260));
const zoneSchema = v.object({
  lowBpm: bpm,
  highBpm: bpm,
  method: v.picklist(['percent-max', 'percent-reserve', 'fixed', 'calibrated', 'by-feel']),
});
/** A runner profile as stored here and as a client file carries it; keys it does not know are left out. */
export const runnerProfileSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  name: v.pipe(v.string(), v.maxLength(200)),
  ageYears: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(110))),
  restingHrBpm: v.optional(bpm),
  maxHrBpm: v.optional(bpm),
  maxHrSource: v.picklist(['measured', 'tanaka']),
  zone: v.optional(zoneSchema),
});
const coachingSchema = v.object({
  voice: v.boolean(),
  tones: v.boolean(),
  vibration: v.boolean(),
  volume: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  voiceName: v.optional(v.pipe(v.string(), v.maxLength(300))),
  lowSideCues: v.boolean(),
  graceSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(300)),
  statusEveryMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60)),
  groupAlerts: v.boolean(),
});
const courseSchema = v.object({
  weeks: v.picklist([8, 10, 12]),
  chosenWeek: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))),
});

// Bounded like a course written as text (course-text.ts), so whatever the editor saves reads back, and a damaged
// value cannot make the app build a huge course.
const coursePhaseSchema = v.object({
  kind: v.picklist(['run', 'walk', 'calm-run']),
  durationMs: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(MAX_PHASE_MS)),
});
const courseBlockSchema = v.object({
  repeat: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_BLOCK_REPEAT)),
  phases: v.pipe(v.array(coursePhaseSchema), v.maxLength(COURSE_TEXT_LIMITS.phasesPerBlock)),
});
const courseWeekSchema = v.object({
  week: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(COURSE_TEXT_LIMITS.weeks)),
  blocks: v.pipe(v.array(courseBlockSchema), v.minLength(1), v.maxLength(COURSE_TEXT_LIMITS.blocksPerWeek)),
  supervisedRun: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
const customCourseSchema = v.object({
  weeks: v.pipe(v.array(courseWeekSchema), v.minLength(1), v.maxLength(COURSE_TEXT_LIMITS.weeks)),
});

const runnerKeySchema = v.pipe(v.string(), v.maxLength(128));
const ownBreathingRateSchema = v.picklist([...BREATHING_RATES]);

/** Whether a rate can be kept as a runner's own: one the breathing exercise offers. */
export function isOwnBreathingRate(ratePerMinute: number): boolean {
  return v.is(ownBreathingRateSchema, ratePerMinute);
}

/**
 * Keeps every entry whose runner key and rate are valid (and, with `runnerIds`, whose runner still exists or is
 * {@link NO_RUNNER_KEY}); anything else reads as "no own rate yet".
 */
export function readOwnBreathingRates(
  value: unknown,
  runnerIds?: ReadonlySet<string>,
): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  // fromEntries defines own properties, so a "__proto__" key stays a harmless entry.
  return Object.fromEntries(
    Object.entries(value).filter(
      ([runner, rate]) =>
        v.is(runnerKeySchema, runner) &&
        v.is(ownBreathingRateSchema, rate) &&
        (runnerIds === undefined || runner === NO_RUNNER_KEY || runnerIds.has(runner)),
    ) as [string, number][],
  );
}

/** The stored custom course when it is one the app can run: shaped right and valid as a course. */
function readCustomCourse(raw: unknown): CustomCourse | undefined {
  const parsed = v.safeParse(customCourseSchema, raw);
  if (!parsed.success) return undefined;
  // The rules a schema cannot say (weeks numbered in order, some running each week, at most 2 hours, the
  // supervised run among the week's runs) are the course's own: checked on the course it becomes.
  const issues = validateCourse({ ...defaultCourse12Weeks, weeks: parsed.output.weeks });
  return issues.length === 0 ? parsed.output : undefined;
}

function parseJson(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Keeps every valid runner and every valid setting; what does not validate falls back to its default. */
export function readPreferences(text: string | null): Preferences {
  const raw = parseJson(text);
  const runners = Array.isArray(raw.runners)
    ? raw.runners.flatMap((runner) => {
        const parsed = v.safeParse(runnerProfileSchema, runner);
        return parsed.success ? [parsed.output] : [];
      })
    : [];
  const coaching = v.safeParse(coachingSchema, {
    ...defaultCoachingPreferences,
    ...(raw.coaching as object),
  });
  const course = v.safeParse(courseSchema, raw.course);
  const customCourse = readCustomCourse(raw.customCourse);
  const ownBreathingRates = readOwnBreathingRates(
    raw.ownBreathingRates,
    new Set(runners.map((runner) => runner.id)),
  );
  const activeRunnerId =
    typeof raw.activeRunnerId === 'string' && runners.some((runner) => runner.id === raw.activeRunnerId)
      ? raw.activeRunnerId
      : undefined;
  return {
    runners,
    coaching: coaching.success ? coaching.output : defaultCoachingPreferences,
    ...(activeRunnerId !== undefined && { activeRunnerId }),
    ...(course.success && { course: course.output }),
    ...(customCourse && { customCourse }),
    ...(Object.keys(ownBreathingRates).length > 0 && { ownBreathingRates }),
  };
}

export function loadPreferences(storage: Pick<Storage, 'getItem'> = localStorage): Preferences {
  try {
    return readPreferences(storage.getItem(storageKey));
  } catch {
    // A browser with storage switched off throws on access: run with defaults.
    return readPreferences(null);
  }
}

export function savePreferences(
  preferences: Preferences,
  storage: Pick<Storage, 'setItem'> = localStorage,
): boolean {
  try {
    storage.setItem(storageKey, JSON.stringify(preferences));
    return true;
  } catch {
    return false;
  }
}

export function erasePreferences(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(storageKey);
  } catch {
    // Nothing stored, nothing to erase.
  }
}
