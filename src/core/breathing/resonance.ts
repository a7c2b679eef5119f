import { coherence, COHERENCE_WINDOW_S, detectArtifacts } from '../hrv/index';
import { isValidRrMs } from '../hrv/series';
import { breathDurationMs } from './pacer';

/** A coherence value every 5 s, as the live screen and the session's timeline update it. */
export const COHERENCE_STEP_S = 5;

/**
 * The HRV core's coherence every 5 s along an RR series (ms), on the beats' own time axis: at t = 64 s, 69 s, ...
 * (t = the sum of the RR so far) over the beats that have ended by t. The first point needs a full 64-s window, so
 * every point holds only beats of this series. `upTo` is how many beats each point used.
 */
export function coherenceEvery5s(rrMs: readonly number[]): { upTo: number; ratio: number }[] {
  const points: { upTo: number; ratio: number }[] = [];
  let endMs = 0;
  let nextMs = COHERENCE_WINDOW_S * 1000;
  for (let i = 0; i < rrMs.length; i++) {
    const rr = rrMs[i] ?? 0;
    if (!isValidRrMs(rr)) continue;
    const beatEndMs = endMs + rr;
    // Every grid time passed before this beat ends is evaluated on the beats before it.
    while (nextMs < beatEndMs) {
      const ratio = coherence(rrMs.slice(0, i))?.ratio;
      if (ratio !== undefined) points.push({ upTo: i, ratio });
      nextMs += COHERENCE_STEP_S * 1000;
    }
    endMs = beatEndMs;
  }
  if (endMs >= nextMs) {
    const ratio = coherence(rrMs)?.ratio;
    if (ratio !== undefined) points.push({ upTo: rrMs.length, ratio });
  }
  return points;
}

/**
 * The heart-rate swing with the breath: the series cut into consecutive stretches one breath long (on the beats'
 * time axis), max − min of the instantaneous heart rate 60000 / RR in each whole stretch, averaged. Undefined
 * without a whole breath of beats. This is the "peak-to-trough" heart-rate difference resonance assessment uses
 * (Lehrer, Vaschillo & Vaschillo 2000; Shaffer & Meehan 2020), per breath.
 */
export function heartRateSwingBpm(rrMs: readonly number[], ratePerMinute: number): number | undefined {
  const breathMs = breathDurationMs(ratePerMinute);
  if (!(breathMs > 0) || !Number.isFinite(breathMs)) return undefined;
  let stretchEndMs = breathMs;
  let timeMs = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let count = 0;
  for (const rr of rrMs) {
    if (!isValidRrMs(rr)) continue;
    timeMs += rr;
    while (timeMs > stretchEndMs) {
      if (max >= min) {
        sum += max - min;
        count++;
      }
      min = Number.POSITIVE_INFINITY;
      max = Number.NEGATIVE_INFINITY;
      stretchEndMs += breathMs;
    }
    const bpm = 60_000 / rr;
    min = Math.min(min, bpm);
    max = Math.max(max, bpm);
  }
  if (timeMs === stretchEndMs && max >= min) {
    sum += max - min;
    count++;
  }
  return count > 0 ? sum / count : undefined;
}

/** What one rate of the finder gave. */
export interface ResonanceBlockResult {
  readonly ratePerMinute: number;
  /** Mean of the coherence points wholly inside the block; undefined when the block was too short or unusable. */
  readonly meanCoherence: number | undefined;
  readonly coherencePoints: number;
  readonly heartRateSwingBpm: number | undefined;
  /** Share (%) of the block's beats the HRV core's artifact detection flags; undefined below 3 beats. */
  readonly artifactPct: number | undefined;
}

/** Coherence, heart-rate swing and artifact share of one block's RR (ms), breathed at `ratePerMinute`. */
export function analyseResonanceBlock(ratePerMinute: number, rrMs: readonly number[]): ResonanceBlockResult {
  const points = coherenceEvery5s(rrMs);
  const meanCoherence =
    points.length > 0 ? points.reduce((total, point) => total + point.ratio, 0) / points.length : undefined;
  return {
    ratePerMinute,
    meanCoherence,
    coherencePoints: points.length,
    heartRateSwingBpm: heartRateSwingBpm(rrMs, ratePerMinute),
    artifactPct: artifactShare(rrMs),
  };
}

function artifactShare(rrMs: readonly number[]): number | undefined {
  const valid = rrMs.filter(isValidRrMs);
  if (valid.length < 3) return undefined;
  const report = detectArtifacts(valid);
  const flagged = new Set([
    ...report.ectopic,
    ...report.long,
    ...report.short,
    ...report.missed,
    ...report.extra,
  ]);
  return (100 * flagged.size) / valid.length;
}

/**
 * Mean coherence ratios within this share of the best count as a tie. Two minutes of breathing give about a dozen
 * overlapping 64-s windows, so closer differences are noise, not a better rate; the 10 % is our choice.
 */
export const RESONANCE_TIE_SHARE = 0.1;

/**
 * The runner's resonance rate: the block with the highest mean coherence; among blocks within
 * {@link RESONANCE_TIE_SHARE} of it, the largest heart-rate swing (the resonance frequency is where breathing
 * moves the heart rate most, Lehrer et al. 2000); then the rate nearer six a minute, the usual default.
 * Blocks without a coherence value, or above `maxArtifactPct`, take no part. Undefined when none is usable.
 */
export function chooseResonanceRate(
  blocks: readonly ResonanceBlockResult[],
  maxArtifactPct: number = Number.POSITIVE_INFINITY,
): ResonanceBlockResult | undefined {
  const usable = blocks.filter(
    (block) =>
      block.meanCoherence !== undefined &&
      Number.isFinite(block.meanCoherence) &&
      !((block.artifactPct ?? 0) > maxArtifactPct),
  );
  let best = Number.NEGATIVE_INFINITY;
  for (const block of usable) best = Math.max(best, block.meanCoherence ?? best);
  const contenders = usable.filter((block) => (block.meanCoherence ?? 0) >= best * (1 - RESONANCE_TIE_SHARE));
  contenders.sort(
    (a, b) =>
      (b.heartRateSwingBpm ?? Number.NEGATIVE_INFINITY) - (a.heartRateSwingBpm ?? Number.NEGATIVE_INFINITY) ||
      (b.meanCoherence ?? 0) - (a.meanCoherence ?? 0) ||
      Math.abs(a.ratePerMinute - 6) - Math.abs(b.ratePerMinute - 6),
  );
  return contenders[0];
}
