import { rollingMedian, rollingQuartiles } from './rolling-window';
import { Float64Scratch, Uint8Scratch } from './scratch';
import { powerOfTwoScale, toValidRr, validSourceIndices } from './series';

/** 0-based indices of the RR intervals in each class (Lipponen & Tarvainen 2019). */
export interface ArtifactReport {
  /** Ectopic beats: the short–long (or long–short) interval pattern of a premature beat and its pause. */
  readonly ectopic: number[];
  /** Long intervals that are not a missed beat. */
  readonly long: number[];
  /** Short intervals that are not an extra beat. */
  readonly short: number[];
  /** Intervals about twice the local median: a beat the sensor missed. */
  readonly missed: number[];
  /** Intervals that, added to the next one, make about the local median: a spurious extra beat. */
  readonly extra: number[];
}

export const ECTOPIC_FLAG = 1;
export const LONG_FLAG = 2;
export const SHORT_FLAG = 4;
export const MISSED_FLAG = 8;
export const EXTRA_FLAG = 16;

const C1 = 0.13;
const C2 = 0.17;
const ALPHA = 5.2;
/** Quartile windows are 91 beats, centred. */
const QUARTILE_HALF_WIDTH = 45;
/** The median RR window is 11 beats, centred. */
const MEDIAN_HALF_WIDTH = 5;

const s11Scratch = new Float64Scratch();
const th1Scratch = new Float64Scratch();
const medianScratch = new Float64Scratch();
const mrrScratch = new Float64Scratch();
const th2Scratch = new Float64Scratch();
const absScratch = new Float64Scratch();
const q1Scratch = new Float64Scratch();
const rrScratch = new Float64Scratch();
const sortScratch = new Float64Scratch();
const flagScratch = new Uint8Scratch();

/**
 * Classifies each of `rrMs[0..n)` (valid RR values) into `flags` (bit set of the *_FLAG constants), following
 * Lipponen & Tarvainen (2019, J Med Eng Technol 43:173) exactly as systole 0.2.5 implements it (c1 = 0.13,
 * c2 = 0.17, α = 5.2; quartiles over a centred 91-beat window, interpolated linearly; 11-beat centred median).
 * The method is scale-free, so it runs in units of a power of two near the largest RR (exact, and immune to
 * overflow). Fewer than 3 beats are never flagged: every rule needs a beat on each side.
 */
export function detectArtifactFlags(rrMs: Float64Array, n: number, flags: Uint8Array): void {
  flags.fill(0, 0, n);
  if (n < 3) return;
  const scale = powerOfTwoScale(rrMs, n);
  const rr = rrScratch.get(n);
  for (let i = 0; i < n; i++) rr[i] = (rrMs[i] ?? 0) / scale;

  // Subspace S11: dRR normalised by Th1 = α·IQR/2 of |dRR|; dRR_0 is the mean of the others.
  const s11 = s11Scratch.get(n);
  const abs = absScratch.get(n);
  let diffSum = 0;
  for (let i = 1; i < n; i++) {
    const d = (rr[i] ?? 0) - (rr[i - 1] ?? 0);
    s11[i] = d;
    diffSum += d;
  }
  s11[0] = diffSum / (n - 1);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(s11[i] ?? 0);
  const q1 = q1Scratch.get(n);
  const th1 = th1Scratch.get(n);
  rollingQuartiles(abs, n, QUARTILE_HALF_WIDTH, q1, th1);
  for (let i = 0; i < n; i++) {
    const threshold = ALPHA * (((th1[i] ?? 0) - (q1[i] ?? 0)) / 2);
    th1[i] = threshold;
    s11[i] = (s11[i] ?? 0) / threshold;
  }

  // mRR: deviation from the 11-beat median, negative deviations doubled, normalised by Th2 of |mRR|.
  const medRR = medianScratch.get(n);
  rollingMedian(rr, n, MEDIAN_HALF_WIDTH, medRR);
  const mrr = mrrScratch.get(n);
  for (let i = 0; i < n; i++) {
    const m = (rr[i] ?? 0) - (medRR[i] ?? 0);
    const doubled = m < 0 ? 2 * m : m;
    mrr[i] = doubled;
    abs[i] = Math.abs(doubled);
  }
  const th2 = th2Scratch.get(n);
  rollingQuartiles(abs, n, QUARTILE_HALF_WIDTH, q1, th2);
  for (let i = 0; i < n; i++) {
    const threshold = ALPHA * (((th2[i] ?? 0) - (q1[i] ?? 0)) / 2);
    th2[i] = threshold;
    mrr[i] = (mrr[i] ?? 0) / threshold;
  }

  const medianRr = medianOf(rr, n);
  for (let i = 0; i < n; i++) {
    const s = s11[i] ?? 0;
    const prev = i > 0 ? (s11[i - 1] ?? 0) : 0;
    const next = i + 1 < n ? (s11[i + 1] ?? 0) : 0;
    const next2 = i + 2 < n ? (s11[i + 2] ?? 0) : 0;
    // Written as systole compares, so a NaN S11 (zero threshold) takes the same branch as there.
    const s12 = i === 0 || i === n - 1 ? 0 : s < 0 ? Math.min(prev, next) : Math.max(prev, next);
    const s22 = i >= n - 2 ? 0 : s >= 0 ? Math.min(next, next2) : Math.max(next, next2);

    const ectopic = i >= 2 && i < n - 2 && ((s > 1 && s12 < -C1 * s - C2) || (s < -1 && s12 > -C1 * s + C2));
    const value = rr[i] ?? 0;
    const outlier = Math.abs(mrr[i] ?? 0) > 3;
    let long = !ectopic && ((s > 1 && s22 < -1) || (outlier && value > medianRr));
    let short = !ectopic && ((s < -1 && s22 > 1) || (outlier && value <= medianRr));
    const local = medRR[i] ?? 0;
    const threshold = th2[i] ?? 0;
    const missed = long && Math.abs(value / 2 - local) < threshold;
    if (missed) long = false;
    const following = i + 1 < n ? (rr[i + 1] ?? 0) : 0;
    const extra = short && Math.abs(value + following - local) < threshold;
    if (extra) short = false;
    // Missed and extra may sit at the ends; plain long and short may not.
    if (i === 0 || i === n - 1) {
      long = false;
      short = false;
    }
    flags[i] =
      (ectopic ? ECTOPIC_FLAG : 0) |
      (long ? LONG_FLAG : 0) |
      (short ? SHORT_FLAG : 0) |
      (missed ? MISSED_FLAG : 0) |
      (extra ? EXTRA_FLAG : 0);
  }
}

/** Median of values[0..n) (mean of the two middle values for even n), as numpy.median. */
function medianOf(values: Float64Array, n: number): number {
  const sorted = sortScratch.get(n).subarray(0, n);
  sorted.set(values.subarray(0, n));
  sorted.sort();
  const middle = n >>> 1;
  return n % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function reportFromFlags(flags: Uint8Array, n: number, sourceIndex: Int32Array | undefined): ArtifactReport {
  const report: ArtifactReport = { ectopic: [], long: [], short: [], missed: [], extra: [] };
  for (let i = 0; i < n; i++) {
    const f = flags[i] ?? 0;
    if (f === 0) continue;
    const index = sourceIndex === undefined ? i : (sourceIndex[i] ?? i);
    if (f & ECTOPIC_FLAG) report.ectopic.push(index);
    if (f & LONG_FLAG) report.long.push(index);
    if (f & SHORT_FLAG) report.short.push(index);
    if (f & MISSED_FLAG) report.missed.push(index);
    if (f & EXTRA_FLAG) report.extra.push(index);
  }
  return report;
}

/**
 * Artifact detection of Lipponen & Tarvainen (2019) on an RR series (ms), parameters and conventions of
 * systole 0.2.5 (see {@link detectArtifactFlags}): dRR normalised by α·IQR/2 over a centred 91-beat window
 * (S11) and its neighbours (S12, S22) separate ectopic beats from long and short ones; the deviation from the
 * 11-beat median (mRR) catches isolated outliers; a long interval about twice the median is a missed beat, a
 * short one that with the next makes the median is an extra beat. Indices refer to `rrMs`; invalid values
 * (non-finite or ≤ 0) are skipped and never reported. Fewer than 3 valid beats give an empty report.
 */
export function detectArtifacts(rrMs: readonly number[]): ArtifactReport {
  const rr = toValidRr(rrMs);
  const n = rr.length;
  const flags = flagScratch.get(n);
  detectArtifactFlags(rr, n, flags);
  return reportFromFlags(flags, n, validSourceIndices(rrMs));
}

const correctedScratch = new Float64Scratch();
const correctedFlagScratch = new Uint8Scratch();

/**
 * Corrects `rrMs[0..n)` given its detection `flags`, as systole 0.2.5's correct_rr: missed intervals (ascending)
 * are split in two halves, the first half unflagged, the second keeping the other flags; then extra intervals
 * (ascending, on the updated series) are added to the next interval (dropped if last); then the interval before
 * each ectopic one is also treated as ectopic (and loses its short/long flag); finally every ectopic, short and
 * long interval is replaced in one pass by linear interpolation over beat index between the nearest good
 * intervals, held constant beyond the first or last good one. Returns the corrected series and its length in a
 * shared scratch buffer, valid until the next call.
 */
export function correctFromFlags(
  rrMs: Float64Array,
  n: number,
  flags: Uint8Array,
): { values: Float64Array; length: number } {
  let missedCount = 0;
  for (let i = 0; i < n; i++) if ((flags[i] ?? 0) & MISSED_FLAG) missedCount++;
  const capacity = n + missedCount;
  const values = correctedScratch.get(capacity);
  const marks = correctedFlagScratch.get(capacity);

  // Missed split and extra merge in one streaming pass: an extra interval's time is carried into the next one.
  let length = 0;
  let carry = 0;
  const push = (value: number, flag: number, isLast: boolean): void => {
    if (flag & EXTRA_FLAG) {
      if (!isLast) carry += value;
      else carry = 0;
      return;
    }
    values[length] = Math.min(value + carry, Number.MAX_VALUE);
    marks[length] = flag;
    length++;
    carry = 0;
  };
  for (let i = 0; i < n; i++) {
    const value = rrMs[i] ?? 0;
    const flag = flags[i] ?? 0;
    if (flag & MISSED_FLAG) {
      push(value / 2, 0, false);
      push(value / 2, flag & ~MISSED_FLAG, i === n - 1);
    } else push(value, flag, i === n - 1);
  }

  // The interval before an ectopic one is part of the same disturbance (short-long or long-short pair).
  for (let i = 1; i < length; i++) {
    if ((marks[i] ?? 0) & ECTOPIC_FLAG)
      marks[i - 1] = ECTOPIC_FLAG | ((marks[i - 1] ?? 0) & ~(LONG_FLAG | SHORT_FLAG));
  }

  const bad = ECTOPIC_FLAG | LONG_FLAG | SHORT_FLAG;
  let previousGood = -1;
  for (let i = 0; i <= length; i++) {
    if (i < length && (marks[i] ?? 0) & bad) continue;
    // Fill the run of bad intervals between previousGood and i (either may be missing at the ends).
    const from = previousGood + 1;
    if (from < i) {
      if (previousGood < 0 && i === length) break; // nothing good to interpolate from: leave as is
      const leftValue = previousGood >= 0 ? (values[previousGood] ?? 0) : (values[i] ?? 0);
      const rightValue = i < length ? (values[i] ?? 0) : leftValue;
      const slope = previousGood >= 0 && i < length ? (rightValue - leftValue) / (i - previousGood) : 0;
      for (let k = from; k < i; k++) values[k] = slope * (k - Math.max(previousGood, 0)) + leftValue;
    }
    previousGood = i;
  }
  return { values, length };
}

/**
 * Detects artifacts (see {@link detectArtifacts}) and corrects them as systole 0.2.5's correct_rr (see
 * {@link correctFromFlags}): missed beats split, extra beats merged, ectopic, short and long intervals
 * interpolated. The report is the detection on `rrMs` (its indices); invalid values are dropped from the
 * corrected series.
 */
export function correctArtifacts(rrMs: readonly number[]): { rrMs: number[]; report: ArtifactReport } {
  const rr = toValidRr(rrMs);
  const n = rr.length;
  const flags = flagScratch.get(n);
  detectArtifactFlags(rr, n, flags);
  const report = reportFromFlags(flags, n, validSourceIndices(rrMs));
  const { values, length } = correctFromFlags(rr, n, flags);
  return { rrMs: Array.from(values.subarray(0, length)), report };
}
