import type {
  RestingCheckMinutes,
  RestingCheckRefusalReason,
  SessionSummary,
  SummaryFrequencyDomain,
  SummaryTimeDomain,
} from '../core/session/session-model';

/** A resting check's result, ready to be put into words: the figures, or why there are none. */
export type RestingResultView =
  | {
      readonly ok: true;
      readonly restingHrBpm: number | undefined;
      readonly rmssdMs: number;
      /** Natural log of RMSSD in ms. */
      readonly lnRmssd: number;
      readonly timeDomain: SummaryTimeDomain | undefined;
      readonly frequencyDomain: SummaryFrequencyDomain | undefined;
      readonly artifactPct: number;
      readonly setup: RestingSetupView | undefined;
    }
  | {
      readonly ok: false;
      readonly reason: RestingCheckRefusalReason;
      readonly artifactPct: number;
      readonly setup: RestingSetupView | undefined;
    };

export interface RestingSetupView {
  readonly minutes: RestingCheckMinutes;
  /** Undefined when breathing freely. */
  readonly breathingRatePerMinute: number | undefined;
}

/**
 * The result of a resting check from its stored summary; undefined for any other session (or one without a
 * summary). A check with no refusal but no RMSSD (a summary from elsewhere) counts as too short.
 */
export function restingResultView(summary: SessionSummary | undefined): RestingResultView | undefined {
  const check = summary?.restingCheck;
  if (!summary || !check) return undefined;
  const setup =
    check.plannedMinutes === undefined
      ? undefined
      : { minutes: check.plannedMinutes, breathingRatePerMinute: check.breathingRatePerMinute };
  const artifactPct = summary.artifactPct ?? 0;
  const rmssd = summary.rmssdMs;
  if (check.refusal !== undefined || rmssd === undefined || !(rmssd > 0))
    return { ok: false, reason: check.refusal ?? 'too-short', artifactPct, setup };
  return {
    ok: true,
    restingHrBpm: summary.averageHeartRateBpm,
    rmssdMs: rmssd,
    lnRmssd: Math.log(rmssd),
    timeDomain: summary.timeDomain,
    frequencyDomain: summary.frequencyDomain,
    artifactPct,
    setup,
  };
}
