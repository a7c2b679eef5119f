import type { PhaseKind } from '../../core/coaching/run-plan';
import type { CourseTextProblemCode } from '../../core/coaching/course-text';
import { m } from '../../paraglide/messages.js';

// The words for plans: phase names, and what is wrong with a course written as text.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const phaseNamesMessages = {
  'warm-up-walk': m.phaseNames_warmUpWalk,
  run: m.phaseNames_run,
  walk: m.phaseNames_walk,
  'calm-run': m.phaseNames_calmRun,
  'cool-down-walk': m.phaseNames_coolDownWalk,
  breathing: m.phaseNames_breathing,
} as const satisfies Record<PhaseKind, unknown>;

export const courseTextProblemsMessages = {
  'no-weeks': m.courseTextProblems_noWeeks,
  'too-many-weeks': m.courseTextProblems_tooManyWeeks,
  empty: m.courseTextProblems_empty,
  'unknown-word': m.courseTextProblems_unknownWord,
  'missing-kind': m.courseTextProblems_missingKind,
  'bad-number': m.courseTextProblems_badNumber,
  syntax: m.courseTextProblems_syntax,
  'bad-repeat': m.courseTextProblems_badRepeat,
  'too-many-parts': m.courseTextProblems_tooManyParts,
  'no-running': m.courseTextProblems_noRunning,
  'week-too-long': m.courseTextProblems_weekTooLong,
  'supervised-run': m.courseTextProblems_supervisedRun,
} as const satisfies Record<CourseTextProblemCode, unknown>;
