import { WAVE_WINDOW_MS } from '../core/breathing/breathing-monitor';
import {
  COHERENCE_LEVELS,
  COHERENCE_THRESHOLDS,
  type CoherenceLevel,
} from '../core/breathing/coherence-level';

/** One bar of the coherence level's shape: a bar per level, lowest first, filled up to the level reached. */
export interface CoherenceBar {
  readonly level: CoherenceLevel;
  readonly filled: boolean;
}

/** The level as bars (one, two or three filled), so colour is never the only signal. */
export function coherenceBars(level: CoherenceLevel): readonly CoherenceBar[] {
  const reached = COHERENCE_LEVELS.indexOf(level);
  return COHERENCE_LEVELS.map((barLevel, index) => ({ level: barLevel, filled: index <= reached }));
}

/** The coherence ratios where the level changes (low to medium, medium to high): dashed lines on the charts. */
export const coherenceLevelLines: readonly number[] = [
  COHERENCE_THRESHOLDS.lowMedium,
  COHERENCE_THRESHOLDS.mediumHigh,
];

/** The coherence axis reaches at least this far, so the high band shows above its line even on a low day. */
export const coherenceAxisMinTop = COHERENCE_THRESHOLDS.mediumHigh + 1;

/** The heart-rate wave under the pacer shows this many seconds before the newest beat. */
export const waveWindowS = WAVE_WINDOW_MS / 1000;
