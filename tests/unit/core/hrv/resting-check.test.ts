import { describe, expect, test } from 'vitest';
import {
  RESTING_CHECK_MAX_ARTIFACT_PCT,
  RESTING_CHECK_MIN_SPAN_MS,
  restingCheck,
  type RestingCheckResult,
} from '../../../../src/core/hrv/index';
import { readSharedVector } from '../../support/shared-vectors';

type Json = Record<string, unknown>;

function vector(file: string): { rrMs: number[]; expected: Json } {
  const data = readSharedVector(`hrv/${file}`) as { rr_ms: number[]; expected: Json };
  return { rrMs: data.rr_ms, expected: data.expected };
}

function table(expected: Json, key: string): Record<string, number> {
  return expected[key] as Record<string, number>;
}

/** The README's tolerances: time domain to an absolute 1e-6 (values rounded to 6 decimals), spectra within 5 %. */
const TIME_DOMAIN_ABS = 1e-6;
const FREQUENCY_RELATIVE = 0.05;
const PEAK_HZ_ABS = 0.002;

function accepted(result: RestingCheckResult): Extract<RestingCheckResult, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

describe('restingCheck against the shared HRV vectors', () => {
  test('01 (clean, 300 Polar H10 beats): time domain, Poincaré, ln RMSSD and frequency domain', () => {
    const { rrMs, expected } = vector('01_resting_clean.json');
    const own = table(expected, 'own_numpy');
    const result = accepted(restingCheck(rrMs));
    expect(result.artifactPct).toBe(0);
    expect(result.beatCount).toBe(300);
    expectClose(result.restingHrBpm, own.mean_hr_bpm_mean_of_instant ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.rmssdMs, own.rmssd_ms ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.lnRmssd, Math.log(own.rmssd_ms ?? Number.NaN), 1e-6);
    expectClose(result.timeDomain.sdnnMs, own.sdnn_ms_sample_ddof1 ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.timeDomain.pnn50Pct, own.pnn50_pct_over_n_minus_1 ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.timeDomain.sd1Ms, own.sd1_ms ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.timeDomain.sd2Ms, own.sd2_ms ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.timeDomain.meanRrMs, own.mean_rr_ms ?? Number.NaN, TIME_DOMAIN_ABS);

    const frequency = table(expected, 'frequency_kubios_like_own');
    const spectrum = result.frequencyDomain;
    expect(spectrum).toBeDefined();
    const relative = (actual: number | undefined, want: number | undefined) => {
      expect(Math.abs((actual ?? Number.NaN) / (want ?? Number.NaN) - 1)).toBeLessThanOrEqual(
        FREQUENCY_RELATIVE,
      );
    };
    relative(spectrum?.vlfMs2, frequency.vlf_ms2);
    relative(spectrum?.lfMs2, frequency.lf_ms2);
    relative(spectrum?.hfMs2, frequency.hf_ms2);
    relative(spectrum?.lfHfRatio, frequency.lf_hf);
    relative(spectrum?.lfNu, frequency.lf_nu);
    relative(spectrum?.hfNu, frequency.hf_nu);
    expectClose(spectrum?.lfPeakHz ?? Number.NaN, frequency.lf_peak_hz ?? Number.NaN, PEAK_HZ_ABS);
    expectClose(spectrum?.hfPeakHz ?? Number.NaN, frequency.hf_peak_hz ?? Number.NaN, PEAK_HZ_ABS);
  });

  test('02 (three injected artifacts): corrected before the figures, 7 of 300 intervals flagged', () => {
    const { rrMs, expected } = vector('02_resting_with_artifacts.json');
    const onCorrected = table(expected, 'own_numpy_on_corrected');
    const result = accepted(restingCheck(rrMs));
    // ectopic 60, 61; long 59, 239; short 241; missed 150; extra 240: seven distinct intervals.
    expect(result.artifactPct).toBeCloseTo((100 * 7) / 300, 12);
    expect(result.beatCount).toBe(300);
    expectClose(result.rmssdMs, onCorrected.rmssd_ms ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.restingHrBpm, onCorrected.mean_hr_bpm_mean_of_instant ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.timeDomain.sdnnMs, onCorrected.sdnn_ms_sample_ddof1 ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(
      result.timeDomain.pnn50Pct,
      onCorrected.pnn50_pct_over_n_minus_1 ?? Number.NaN,
      TIME_DOMAIN_ABS,
    );
    expectClose(result.timeDomain.sd1Ms, onCorrected.sd1_ms ?? Number.NaN, TIME_DOMAIN_ABS);
    expectClose(result.timeDomain.sd2Ms, onCorrected.sd2_ms ?? Number.NaN, TIME_DOMAIN_ABS);
    // Uncorrected, the three artifacts would have multiplied RMSSD by five.
    const raw = table(expected, 'own_numpy_uncorrected');
    expect(raw.rmssd_ms).toBeGreaterThan(4 * result.rmssdMs);
  });
});

describe('restingCheck refusals', () => {
  const clean = vector('01_resting_clean.json').rrMs;

  /** The clean series with a missed beat (two intervals merged) every `every` beats. */
  function withMissedBeats(every: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < clean.length; i++) {
      const rr = clean[i] ?? 0;
      const next = clean[i + 1];
      if (i % every === every - 1 && next !== undefined) {
        out.push(rr + next);
        i++;
      } else out.push(rr);
    }
    return out;
  }

  test(`more than ${RESTING_CHECK_MAX_ARTIFACT_PCT} % artifacts: refused, with the share`, () => {
    const result = restingCheck(withMissedBeats(10));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('too-many-artifacts');
    expect(result.artifactPct).toBeGreaterThan(RESTING_CHECK_MAX_ARTIFACT_PCT);
    expect(result).not.toHaveProperty('rmssdMs');
  });

  test('a few artifacts below the limit are corrected and accepted', () => {
    const result = restingCheck(withMissedBeats(60));
    expect(result.ok).toBe(true);
    expect(result.artifactPct).toBeGreaterThan(0);
    expect(result.artifactPct).toBeLessThanOrEqual(RESTING_CHECK_MAX_ARTIFACT_PCT);
  });

  test(`beats covering less than ${RESTING_CHECK_MIN_SPAN_MS / 1000} s: refused as too short`, () => {
    // 70 beats of ~818 ms cover about 57 s.
    const short = restingCheck(clean.slice(0, 70));
    expect(short.ok).toBe(false);
    expect(!short.ok && short.reason).toBe('too-short');
    expect(short.spanMs).toBeLessThan(RESTING_CHECK_MIN_SPAN_MS);
    const enough = restingCheck(clean.slice(0, 80));
    expect(enough.ok).toBe(true);
    expect(enough.spanMs).toBeGreaterThanOrEqual(RESTING_CHECK_MIN_SPAN_MS);
  });

  test('no beats at all, or only invalid ones: too short, no artifacts', () => {
    for (const rrMs of [[], [Number.NaN, -1, 0]]) {
      const result = restingCheck(rrMs);
      expect(result).toEqual({ ok: false, reason: 'too-short', artifactPct: 0, beatCount: 0, spanMs: 0 });
    }
  });

  test('the same interval every beat is a strap fault, not a calm heart', () => {
    const result = restingCheck(Array.from({ length: 120 }, () => 1000));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('flat-signal');
  });
});
