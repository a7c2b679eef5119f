import type { SessionMeta } from '../../core/session/session-model';

/** One whole-session figure as a CSV column: its name and its value as text ('' when the session has none). */
export interface SummaryColumn {
  readonly name: string;
  readonly value: string;
}

/**
 * The session's summary as named CSV columns, in a fixed order, with '.' decimals whatever the locale: kind, time,
 * heart rate, beats and artifact share, RMSSD with its natural log, the rest of the time domain (SDNN, pNN50, SD1,
 * SD2, mean RR), the frequency domain (resting checks) and the resting check's plan and refusal. A figure a session
 * does not have is an empty field, never a 0. Exported for any per-session table (one row a session).
 */
export function sessionSummaryColumns(meta: SessionMeta): SummaryColumn[] {
  const summary = meta.summary;
  const time = summary?.timeDomain;
  const spectrum = summary?.frequencyDomain;
  const resting = summary?.restingCheck;
  const rmssd = summary?.rmssdMs;
  const columns: [string, string][] = [
    ['session_kind', meta.kind],
    ['session_duration_s', decimal(summary?.durationMs, 3, 1 / 1000)],
    ['session_active_s', decimal(summary?.activeMs, 3, 1 / 1000)],
    ['session_average_hr_bpm', decimal(summary?.averageHeartRateBpm, 1)],
    ['session_max_hr_bpm', decimal(summary?.maxHeartRateBpm, 0)],
    ['session_beat_count', decimal(summary?.beatCount, 0)],
    ['session_artifact_pct', decimal(summary?.artifactPct, 2)],
    ['session_rmssd_ms', decimal(rmssd, 3)],
    ['session_ln_rmssd', rmssd !== undefined && rmssd > 0 ? decimal(Math.log(rmssd), 4) : ''],
    ['session_sdnn_ms', decimal(time?.sdnnMs, 3)],
    ['session_pnn50_pct', decimal(time?.pnn50Pct, 3)],
    ['session_sd1_ms', decimal(time?.sd1Ms, 3)],
    ['session_sd2_ms', decimal(time?.sd2Ms, 3)],
    ['session_mean_rr_ms', decimal(time?.meanRrMs, 3)],
    ['session_vlf_ms2', decimal(spectrum?.vlfMs2, 3)],
    ['session_lf_ms2', decimal(spectrum?.lfMs2, 3)],
    ['session_hf_ms2', decimal(spectrum?.hfMs2, 3)],
    ['session_lf_hf', decimal(spectrum?.lfHfRatio, 4)],
    ['session_lf_nu', decimal(spectrum?.lfNu, 2)],
    ['session_hf_nu', decimal(spectrum?.hfNu, 2)],
    ['session_lf_peak_hz', decimal(spectrum?.lfPeakHz, 4)],
    ['session_hf_peak_hz', decimal(spectrum?.hfPeakHz, 4)],
    ['session_resting_minutes', decimal(resting?.plannedMinutes, 0)],
    ['session_paced_breathing', resting ? (resting.pacedBreathing ? 'yes' : 'no') : ''],
    ['session_breathing_rate_per_min', decimal(resting?.breathingRatePerMinute, 1)],
    ['session_resting_refusal', resting?.refusal ?? ''],
  ];
  return columns.map(([name, value]) => ({ name, value }));
}

function decimal(value: number | undefined, digits: number, factor = 1): string {
  return value === undefined || !Number.isFinite(value) ? '' : (value * factor).toFixed(digits);
}
