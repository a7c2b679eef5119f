import { correctArtifacts, type ArtifactReport } from './artifacts';
import { frequencyDomain, type FrequencyDomain } from './frequency-domain';
import { timeDomain, type TimeDomain } from './time-domain';

/**
 * Above this share of flagged beats (%), a resting check is refused rather than shown: the correction then
 * rewrites enough of the series to move RMSSD by more than its day-to-day change (Lipponen & Tarvainen 2019;
 * Kubios advises against analysing recordings with more than 5 % corrected beats).
 */
export const RESTING_CHECK_MAX_ARTIFACT_PCT = 5;

/**
 * The least span of beats a resting check needs, ms: RMSSD from 60 s of seated beats agrees closely with the 5-minute
 * value (Munoz et al. 2015, PLoS One 10:e0138921; Esco & Flatt 2014). A 2-minute check that lost the strap for more
 * than half of it is refused as too short rather than reported from a few beats.
 */
export const RESTING_CHECK_MIN_SPAN_MS = 60_000;

/** Why a check gives no figures: too many artifacts, too few beats, or an interval that never changes. */
export type RestingCheckRefusal = 'too-many-artifacts' | 'too-short' | 'flat-signal';

/** What a resting check measured, after artifact correction. */
export interface RestingCheckFigures {
  /** Mean of the instantaneous heart rates of the corrected beats (the project's mean-HR convention). */
  readonly restingHrBpm: number;
  readonly rmssdMs: number;
  /** Natural log of RMSSD in ms, the usual figure for following RMSSD over weeks (Plews et al. 2013). */
  readonly lnRmssd: number;
  readonly timeDomain: TimeDomain;
  /** Undefined when the spectrum has no power in LF and HF (never for a real heart). */
  readonly frequencyDomain: FrequencyDomain | undefined;
}

export type RestingCheckResult =
  | ({ readonly ok: true } & RestingCheckFigures & RestingCheckCounts)
  | ({ readonly ok: false; readonly reason: RestingCheckRefusal } & RestingCheckCounts);

interface RestingCheckCounts {
  /** Share of the recorded intervals the artifact detection flagged, %. */
  readonly artifactPct: number;
  /** RR intervals recorded (valid ones, before correction). */
  readonly beatCount: number;
  /** Sum of the corrected intervals, ms: how much time the beats cover. */
  readonly spanMs: number;
}

/**
 * The resting HRV check of an RR series (ms, in order): artifacts detected and corrected by the core's Lipponen &
 * Tarvainen port ({@link correctArtifacts}), then the time domain and Poincaré ({@link timeDomain}) and the
 * frequency domain ({@link frequencyDomain}) of the corrected series. Refused when more than
 * {@link RESTING_CHECK_MAX_ARTIFACT_PCT} % of the intervals were flagged, when the corrected beats cover less than
 * {@link RESTING_CHECK_MIN_SPAN_MS}, or when every interval is the same (a strap fault: RMSSD 0, no ln RMSSD).
 */
export function restingCheck(rrMs: readonly number[]): RestingCheckResult {
  const corrected = correctArtifacts(rrMs);
  const beatCount = rrMs.filter((rr) => Number.isFinite(rr) && rr > 0).length;
  return restingCheckOfCorrected(beatCount, corrected.rrMs, corrected.report);
}

/** The share (%) of `beatCount` intervals that the artifact `report` flags, each interval counted once. */
export function artifactSharePct(report: ArtifactReport, beatCount: number): number {
  if (beatCount === 0) return 0;
  // An interval can carry two flags (e.g. missed and extra): count it once.
  const flagged = new Set([
    ...report.ectopic,
    ...report.long,
    ...report.short,
    ...report.missed,
    ...report.extra,
  ]);
  return (100 * flagged.size) / beatCount;
}

/**
 * {@link restingCheck} from a correction already made (the session summary corrects a session's beats once for
 * every figure): `beatCount` raw intervals, their `report`, and the corrected series.
 */
export function restingCheckOfCorrected(
  beatCount: number,
  correctedRrMs: readonly number[],
  report: ArtifactReport,
): RestingCheckResult {
  const artifactPct = artifactSharePct(report, beatCount);
  let spanMs = 0;
  for (const rr of correctedRrMs) spanMs += rr;
  const counts = { artifactPct, beatCount, spanMs };
  if (artifactPct > RESTING_CHECK_MAX_ARTIFACT_PCT)
    return { ok: false, reason: 'too-many-artifacts', ...counts };
  if (!(spanMs >= RESTING_CHECK_MIN_SPAN_MS)) return { ok: false, reason: 'too-short', ...counts };
  const time = timeDomain(correctedRrMs);
  if (time === undefined) return { ok: false, reason: 'too-short', ...counts };
  if (!(time.rmssdMs > 0)) return { ok: false, reason: 'flat-signal', ...counts };
  return {
    ok: true,
    restingHrBpm: time.meanHrBpm,
    rmssdMs: time.rmssdMs,
    lnRmssd: Math.log(time.rmssdMs),
    timeDomain: time,
    frequencyDomain: frequencyDomain(correctedRrMs),
    ...counts,
  };
}
