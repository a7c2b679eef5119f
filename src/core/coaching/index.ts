/** Coaching decisions (cues), run plans and courses. Pure: time comes in as numbers. */
export { CUE_PRIORITY, ZONE_CUE_IDS, type Cue, type CueId } from './cues';
export { CueDecider, cueModeForZone, type CueMode, type CueSettings, type CueInput } from './cue-decider';
export {
  phaseAt,
  planDurationMs,
  planTimeInKindsMs,
  defaultZoneCues,
  phaseUsesZoneCues,
  validateRunPlan,
  withBreathingBlocks,
  BREATHING_BLOCK_MS,
  BREATHING_BLOCKS_SUFFIX,
  isWholeSecondsDuration,
  PHASE_KINDS,
  MAX_PHASE_MS,
  MAX_PLAN_MS,
  type PhaseKind,
  type PlanPhase,
  type RunPlan,
  type PhasePosition,
  type PlanIssue,
} from './run-plan';
export {
  defaultCourse12Weeks,
  coursePlanFor,
  weekMainPhases,
  weekRunningMs,
  longestContinuousRunMs,
  supervisedRunOf,
  validateCourse,
  MIN_WARM_UP_WALK_MS,
  MAX_WEEK_MAIN_MS,
  type Course,
  type CourseWeek,
  type CourseBlock,
  type CoursePhase,
  type CoursePhaseKind,
  type CourseIssue,
} from './course-plan';
export {
  deriveCourse,
  defaultCourse10Weeks,
  defaultCourse8Weeks,
  DERIVATION_OFFSET_MS,
} from './course-derivation';
export {
  courseProgress,
  isRunCompleted,
  RUN_COMPLETION_SHARE,
  type CourseRunRecord,
  type CourseProgress,
  type WeekProgress,
  type RunProgress,
  type SuggestedRun,
} from './course-progress';
