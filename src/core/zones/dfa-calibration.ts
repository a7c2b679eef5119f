import type { SessionZone } from '../session/session-model';

/**
 * One point of a calibration run: DFA-a1 of a 2-minute window of RR intervals and the heart rate over that same
 * window (see {@link DfaCalibrationRecorder}).
 */
export interface DfaCalibrationPoint {
  /** End of the window (ms, monotonic). */
  atMs: number;
  /** Mean heart rate over the window, bpm (60 000 / mean RR). */
  heartRateBpm: number;
  /** DFA-a1 of the window's artifact-corrected RR. */
  dfaAlpha1: number;
  /** Share (%) of the window's beats flagged as artifacts. */
  artifactPct: number;
}

export interface DfaCalibrationOptions {
  /** The DFA-a1 value whose heart rate is the first threshold. Default 0.75 (Rogers et al. 2021). */
  thresholdAlpha1?: number;
  /** A point whose window has more artifacts than this (%) makes the run unusable. Default 5. */
  maxArtifactPct?: number;
  /** Only points with DFA-a1 within [low, high] are fitted: the falling, nearly linear part. Default 0.5–1.0. */
  fitRangeAlpha1?: { low: number; high: number };
  /** The run's heart rate must span at least this many bpm (highest point − lowest). Default 10. */
  minHrRangeBpm?: number;
  /** At least this many points inside the fit range. Default 4 (at one point per 20 s: 80 s of the crossing). */
  minFitPoints?: number;
  /** Width of the calibrated zone below its upper bound, bpm. Default 15. */
  zoneWidthBpm?: number;
}

export type DfaCalibrationRefusal =
  /** Fewer valid points than `minFitPoints` in the whole run. */
  | 'too-few-points'
  /** Some point has more than `maxArtifactPct` artifacts. */
  | 'too-many-artifacts'
  /** The heart rate did not rise enough: the run spans less than `minHrRangeBpm`. */
  | 'hr-range-too-narrow'
  /** DFA-a1 stayed above (the run stayed easy) or below (it started too hard) the threshold throughout. */
  | 'never-crosses'
  /** It crossed, but too few points fall within the fit range around the threshold. */
  | 'too-few-fit-points'
  /** The fitted line does not fall with heart rate, or meets the threshold outside the fitted points' range. */
  | 'unclear-crossing';

/** The fitted line DFA-a1 = interceptAlpha1 + slopePerBpm × heart rate, and its coefficient of determination. */
export interface DfaFit {
  interceptAlpha1: number;
  slopePerBpm: number;
  r2: number;
}

export type DfaCalibrationResult =
  | {
      ok: true;
      /** Heart rate (bpm, unrounded) at which the fitted DFA-a1 equals the threshold: HRVT1. */
      thresholdHrBpm: number;
      /** The calibrated zone: upper bound HRVT1 rounded to whole bpm, lower bound `zoneWidthBpm` below it. */
      zone: SessionZone;
      fit: DfaFit;
      /** The points the line was fitted on, in input order, for the screen to show with the line. */
      fitPoints: DfaCalibrationPoint[];
      /** Every valid point of the run. */
      points: DfaCalibrationPoint[];
    }
  | {
      ok: false;
      reason: DfaCalibrationRefusal;
      /** For 'never-crosses': which side DFA-a1 stayed on. */
      side?: 'above' | 'below';
      /** For 'too-many-artifacts': the worst point's artifact share (%). */
      maxArtifactPct?: number;
      /** For 'hr-range-too-narrow': the span the run covered (bpm). */
      hrRangeBpm?: number;
      points: DfaCalibrationPoint[];
    };

function isValidPoint(p: DfaCalibrationPoint): boolean {
  return (
    Number.isFinite(p.atMs) &&
    Number.isFinite(p.heartRateBpm) &&
    p.heartRateBpm > 0 &&
    Number.isFinite(p.dfaAlpha1) &&
    Number.isFinite(p.artifactPct) &&
    p.artifactPct >= 0
  );
}

/** Ordinary least squares of DFA-a1 on heart rate; undefined when the heart rates are all equal. */
export function fitAlpha1OnHeartRate(points: readonly DfaCalibrationPoint[]): DfaFit | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (const p of points) {
    meanX += p.heartRateBpm;
    meanY += p.dfaAlpha1;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    const dx = p.heartRateBpm - meanX;
    const dy = p.dfaAlpha1 - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return undefined;
  const slopePerBpm = sxy / sxx;
  return {
    interceptAlpha1: meanY - slopePerBpm * meanX,
    slopePerBpm,
    r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1,
  };
}

/**
 * The calibrated zone from a steady, gradually rising run: its upper bound is HRVT1, the heart rate at which
 * DFA-a1 falls through 0.75 (Rogers, Giles, Draper, Hoos & Gronwald 2021, Front Physiol 11:596567: HRVT1 agrees
 * with the first ventilatory threshold; FatMaxxer shows the same 0.75 line).
 *
 * Method (after Rogers et al., who fit a line to a1 against heart rate over its falling part): every point with
 * DFA-a1 within the fit range (default 0.5–1.0, where a1 falls nearly linearly with intensity; above it a1
 * plateaus near 1 in easy running, below it flattens towards 0.5) is fitted by least squares, DFA-a1 on heart
 * rate, and the bound is where the line meets the threshold. A regression uses every point near the crossing,
 * so one noisy 2-minute window moves the bound far less than interpolating between the two points that bracket
 * 0.75 would.
 *
 * Refuses, in this order (with the points, so the screen can show why):
 * - 'too-few-points': fewer valid points than `minFitPoints` (invalid ones: non-finite or negative fields);
 * - 'too-many-artifacts': any point above `maxArtifactPct` (default 5 %): artifacts and their correction bias
 *   DFA-a1 itself, visibly from a few percent on (Rogers, Giles, Draper, Mourot & Gronwald 2021, Sensors
 *   21:821), and a biased point could land inside or outside the fit range, so the whole run is refused rather
 *   than that point dropped (start the calibration after the warm-up, with a moistened strap);
 * - 'hr-range-too-narrow': the run's heart rate spans less than `minHrRangeBpm` (not a rising run);
 * - 'never-crosses' with `side`: DFA-a1 never went below (or never above) the threshold;
 * - 'too-few-fit-points': fewer than `minFitPoints` points in the fit range, or none on one side of the
 *   threshold within it (a jump across the range tells nothing about where it crossed);
 * - 'unclear-crossing': the fitted line does not fall, or meets the threshold outside the fitted points' heart
 *   rates (no extrapolation).
 */
export function calibrateZoneFromDfa(
  runPoints: readonly DfaCalibrationPoint[],
  options: DfaCalibrationOptions = {},
): DfaCalibrationResult {
  const threshold = options.thresholdAlpha1 ?? 0.75;
  const maxArtifactPct = options.maxArtifactPct ?? 5;
  const fitLow = options.fitRangeAlpha1?.low ?? 0.5;
  const fitHigh = options.fitRangeAlpha1?.high ?? 1.0;
  const minHrRangeBpm = options.minHrRangeBpm ?? 10;
  const minFitPoints = options.minFitPoints ?? 4;
  const zoneWidthBpm = options.zoneWidthBpm ?? 15;

  const points = runPoints.filter(isValidPoint);
  if (points.length < minFitPoints) return { ok: false, reason: 'too-few-points', points };

  let worstArtifactPct = 0;
  let minHr = Number.POSITIVE_INFINITY;
  let maxHr = Number.NEGATIVE_INFINITY;
  let anyAbove = false;
  let anyBelow = false;
  for (const p of points) {
    worstArtifactPct = Math.max(worstArtifactPct, p.artifactPct);
    minHr = Math.min(minHr, p.heartRateBpm);
    maxHr = Math.max(maxHr, p.heartRateBpm);
    if (p.dfaAlpha1 > threshold) anyAbove = true;
    if (p.dfaAlpha1 < threshold) anyBelow = true;
  }
  if (worstArtifactPct > maxArtifactPct) {
    return { ok: false, reason: 'too-many-artifacts', maxArtifactPct: worstArtifactPct, points };
  }
  if (maxHr - minHr < minHrRangeBpm) {
    return { ok: false, reason: 'hr-range-too-narrow', hrRangeBpm: maxHr - minHr, points };
  }
  if (!anyBelow) return { ok: false, reason: 'never-crosses', side: 'above', points };
  if (!anyAbove) return { ok: false, reason: 'never-crosses', side: 'below', points };

  const fitPoints = points.filter((p) => p.dfaAlpha1 >= fitLow && p.dfaAlpha1 <= fitHigh);
  const fitAbove = fitPoints.some((p) => p.dfaAlpha1 > threshold);
  const fitBelow = fitPoints.some((p) => p.dfaAlpha1 < threshold);
  if (fitPoints.length < minFitPoints || !fitAbove || !fitBelow) {
    return { ok: false, reason: 'too-few-fit-points', points };
  }
  const fit = fitAlpha1OnHeartRate(fitPoints);
  if (fit === undefined || !(fit.slopePerBpm < 0)) return { ok: false, reason: 'unclear-crossing', points };
  const thresholdHrBpm = (threshold - fit.interceptAlpha1) / fit.slopePerBpm;
  let fitMinHr = Number.POSITIVE_INFINITY;
  let fitMaxHr = Number.NEGATIVE_INFINITY;
  for (const p of fitPoints) {
    fitMinHr = Math.min(fitMinHr, p.heartRateBpm);
    fitMaxHr = Math.max(fitMaxHr, p.heartRateBpm);
  }
  if (!(thresholdHrBpm >= fitMinHr && thresholdHrBpm <= fitMaxHr)) {
    return { ok: false, reason: 'unclear-crossing', points };
  }
  const highBpm = Math.round(thresholdHrBpm);
  return {
    ok: true,
    thresholdHrBpm,
    zone: { lowBpm: Math.max(1, highBpm - Math.round(zoneWidthBpm)), highBpm, method: 'calibrated' },
    fit,
    fitPoints,
    points,
  };
}
