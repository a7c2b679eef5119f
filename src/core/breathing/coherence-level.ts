/**
 * The coherence ratio as a gentle level instead of a score to chase.
 *
 * The ratio is the HRV core's `coherence()`: our open implementation of HeartMath's published description (peak
 * power / (total power − peak power) over the last 64 s, every 5 s; McCraty et al. 2009, "The coherent heart").
 * HeartMath's own score is unpublished, so its numbers are not guaranteed to equal ours.
 *
 * Thresholds: HeartMath's published Challenge Level 1 (their default, "Low") thresholds, low/medium 0.5 and
 * medium/high 1.8 (HeartMath help centre, "How do the challenge levels work in Inner Balance"; their glossary calls
 * 0.5 "basic, a good beginner level" and 2.0 "very good"). Applying them to our ratio is our decision: it puts the
 * shared reference vectors where they belong (paced breathing at 6 a minute, vector 04, about 6.8: high; real
 * resting RR, vector 01, 0.23: low) and has not been validated against HeartMath's devices.
 */
export type CoherenceLevel = 'low' | 'medium' | 'high';

export const COHERENCE_LEVELS: readonly CoherenceLevel[] = ['low', 'medium', 'high'];

export const COHERENCE_THRESHOLDS = {
  /** From this ratio on: medium. */
  lowMedium: 0.5,
  /** From this ratio on: high. */
  mediumHigh: 1.8,
} as const;

/** The level of a coherence ratio; a ratio reaching a threshold belongs to the level above it. */
export function coherenceLevel(ratio: number): CoherenceLevel {
  if (!(ratio >= COHERENCE_THRESHOLDS.lowMedium)) return 'low';
  return ratio >= COHERENCE_THRESHOLDS.mediumHigh ? 'high' : 'medium';
}
