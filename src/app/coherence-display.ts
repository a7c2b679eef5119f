import {
  COHERENCE_LEVELS,
  COHERENCE_THRESHOLDS,
  WAVE_WINDOW_MS,
  type BreathingReading,
  type CoherenceLevel,
} from '../core/breathing/index';

/**
 * What the screens need to show coherence, ready-made from core/breathing: the levels as a shape (one, two or
 * three bars, so colour is never the only signal), the thresholds the words stand for, and the wave's window.
 */
export const coherenceLevels: readonly CoherenceLevel[] = COHERENCE_LEVELS;

/** The ratios where "low" becomes "medium" and "medium" becomes "high". */
export const coherenceThresholds: { readonly lowMedium: number; readonly mediumHigh: number } =
  COHERENCE_THRESHOLDS;

/** How much of the heart-rate wave the exercise shows, ms back from the newest beat. */
export const waveWindowMs: number = WAVE_WINDOW_MS;

/** How many of the level bars a reading fills: 1 for low to 3 for high, 0 without a level. */
export function filledCoherenceBars(reading: BreathingReading): number {
  return reading.kind === 'level' ? COHERENCE_LEVELS.indexOf(reading.level) + 1 : 0;
}
