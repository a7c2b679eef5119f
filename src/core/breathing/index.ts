/** The heart-coherence breathing exercise: pacer clock, coherence levels, honest readings, resonance finder. Pure. */
export {
  BREATHING_RATES,
  MIN_BREATHING_RATE,
  MAX_BREATHING_RATE,
  DEFAULT_BREATHING_RATE,
  INHALE_SHARES,
  DEFAULT_INHALE_SHARE,
  BREATHING_DURATIONS_MIN,
  DEFAULT_BREATHING_DURATION_MIN,
  RESONANCE_RATES,
  RESONANCE_BLOCK_MS,
  normaliseBreathingRate,
  normaliseInhaleShare,
  breathDurationMs,
  breathAt,
  exerciseSchedule,
  resonanceSchedule,
  scheduleDurationMs,
  scheduleAt,
  blockIndexAt,
  type BreathPhase,
  type BreathPosition,
  type PacerBlock,
  type SchedulePosition,
} from './pacer';
export {
  COHERENCE_LEVELS,
  COHERENCE_THRESHOLDS,
  coherenceLevel,
  type CoherenceLevel,
} from './coherence-level';
export {
  MAX_ARTIFACT_PCT,
  SIGNAL_TIMEOUT_MS,
  BEAT_COVERAGE_WINDOW_MS,
  MIN_BEAT_COVERAGE,
  breathingReading,
  type BreathingReading,
  type BreathingReadingKind,
  type ReadingInput,
} from './breathing-reading';
export { BreathingMonitor, WAVE_WINDOW_MS, type WavePoint } from './breathing-monitor';
export {
  COHERENCE_STEP_S,
  RESONANCE_TIE_SHARE,
  coherenceEvery5s,
  heartRateSwingBpm,
  analyseResonanceBlock,
  chooseResonanceRate,
  type ResonanceBlockResult,
} from './resonance';
export {
  BREATHING_PLAN_ID,
  RESONANCE_PLAN_ID,
  breathingPlanRef,
  breathingPaceOf,
  resonanceBlockLabel,
  type BreathingMode,
  type StoredBreathingPace,
} from './breathing-plan';
export { weeklyCoherence, type CoherenceTrendEntry, type WeeklyCoherence } from './coherence-trend';
