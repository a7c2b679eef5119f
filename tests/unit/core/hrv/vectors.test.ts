import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  coherence,
  correctArtifacts,
  detectArtifacts,
  dfaAlpha1,
  frequencyDomain,
  timeDomain,
  type DfaMethod,
} from '../../../../src/core/hrv/index';

/**
 * Every JSON file in the shared HRV vectors is checked against the keys its README pins, whatever file it is:
 * the checks are discovered from the keys present, so new reference series dropped there are tested too.
 */
const vectorDir = resolve(import.meta.dirname, '../../../../../shared/vectors/hrv');

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(parent: Json, key: string): Json | undefined {
  const value = parent[key];
  return isObject(value) ? value : undefined;
}

function numberAt(parent: Json, key: string): number | undefined {
  const value = parent[key];
  return typeof value === 'number' ? value : undefined;
}

function numbers(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? value : undefined;
}

interface Vector {
  readonly file: string;
  readonly rrMs: number[];
  readonly expected: Json;
  readonly tolerance: Json;
}

function loadVectors(): Vector[] {
  return readdirSync(vectorDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const data: unknown = JSON.parse(readFileSync(resolve(vectorDir, file), 'utf8'));
      if (!isObject(data)) throw new Error(`${file}: not an object`);
      const rrMs = numbers(data.rr_ms);
      const expected = child(data, 'expected');
      if (rrMs === undefined || expected === undefined) throw new Error(`${file}: no rr_ms or expected`);
      return { file, rrMs, expected, tolerance: child(data, 'tolerance') ?? {} };
    });
}

const vectors = loadVectors();

/** |actual − expected| ≤ tolerance, with a readable failure. */
function expectClose(actual: number | undefined, expected: number, tolerance: number, label: string): void {
  expect(actual, label).toBeTypeOf('number');
  const difference = Math.abs((actual ?? Number.NaN) - expected);
  expect(difference, `${label}: got ${actual}, want ${expected} ± ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
}

function expectRelative(actual: number | undefined, expected: number, relative: number, label: string): void {
  expectClose(actual, expected, Math.abs(expected) * relative, label);
}

/** Time-domain tables and the series each one was computed from. */
const TIME_DOMAIN_TABLES: Record<string, 'raw' | 'corrected'> = {
  own_numpy: 'raw',
  own_numpy_time_domain: 'raw',
  own_numpy_time_domain_raw: 'raw',
  own_numpy_uncorrected: 'raw',
  own_numpy_on_corrected: 'corrected',
};

const TIME_DOMAIN_FIELDS = {
  n_rr: 'count',
  mean_rr_ms: 'meanRrMs',
  mean_hr_bpm_mean_of_instant: 'meanHrBpm',
  sdnn_ms_sample_ddof1: 'sdnnMs',
  rmssd_ms: 'rmssdMs',
  pnn50_pct_over_n_minus_1: 'pnn50Pct',
  sd1_ms: 'sd1Ms',
  sd2_ms: 'sd2Ms',
} as const;

/** Values are rounded to 6 decimals, so an absolute 1e-6 (README). */
const TIME_DOMAIN_ABS = 1e-6;
const DFA_ABS = 1e-6;
const FREQUENCY_RELATIVE = 0.05;
const COHERENCE_RELATIVE = 0.02;
const PEAK_HZ_ABS = 0.002;

/** DFA keys with the method that reproduces them. */
function dfaMethodFor(key: string): DfaMethod | undefined {
  if (key === 'alpha1_kubios_style_4_16_nonoverlap') return 'kubios';
  if (key === 'alpha1_fatmaxxer_v2_lambda500') return 'fatmaxxer';
  if (key.startsWith('alpha1_fatmaxxer_v1')) return 'fatmaxxer-v1';
  return undefined;
}

/** Tables of DFA values computed on the raw series (the filtered one only when the filter removed nothing). */
function dfaTables(vector: Vector): Json[] {
  const tables = [vector.expected];
  for (const key of ['dfa', 'dfa_on_raw_rr']) {
    const table = child(vector.expected, key);
    if (table !== undefined) tables.push(table);
  }
  const filtered = child(vector.expected, 'dfa_on_fatmaxxer_5pct_filtered');
  const rejected = numbers(vector.expected.fatmaxxer_filter_rejected_idx_5pct);
  if (filtered !== undefined && rejected?.length === 0) tables.push(filtered);
  return tables;
}

const FREQUENCY_FIELDS = {
  vlf_ms2: 'vlfMs2',
  lf_ms2: 'lfMs2',
  hf_ms2: 'hfMs2',
  lf_hf: 'lfHfRatio',
  lf_nu: 'lfNu',
  hf_nu: 'hfNu',
  lf_peak_hz: 'lfPeakHz',
  hf_peak_hz: 'hfPeakHz',
} as const;

const ARTIFACT_CLASSES = ['ectopic', 'long', 'short', 'missed', 'extra'] as const;

test('the shared vector directory holds the five reference files', () => {
  expect(vectors.map((v) => v.file)).toEqual(
    expect.arrayContaining([
      '00_fatmaxxer_selftest.json',
      '01_resting_clean.json',
      '02_resting_with_artifacts.json',
      '03_running_dfa_alpha1.json',
      '04_paced_breathing_coherence.json',
    ]),
  );
});

describe.each(vectors)('$file', (vector) => {
  const { rrMs, expected } = vector;
  let checks = 0;

  for (const [tableKey, series] of Object.entries(TIME_DOMAIN_TABLES)) {
    const table = child(expected, tableKey);
    if (table === undefined) continue;
    checks++;
    test(`time domain ${tableKey} to 1e-6`, () => {
      const input = series === 'raw' ? rrMs : correctArtifacts(rrMs).rrMs;
      const result = timeDomain(input);
      expect(result).toBeDefined();
      let compared = 0;
      for (const [key, field] of Object.entries(TIME_DOMAIN_FIELDS)) {
        const want = numberAt(table, key);
        if (want === undefined) continue;
        expectClose(result?.[field], want, TIME_DOMAIN_ABS, `${tableKey}.${key}`);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(6);
    });
  }

  const artifacts = child(expected, 'systole_lipponen_tarvainen_artefacts');
  if (artifacts !== undefined) {
    checks++;
    test('Lipponen & Tarvainen artifact indices exactly', () => {
      const report = detectArtifacts(rrMs);
      for (const name of ARTIFACT_CLASSES) expect(report[name], name).toEqual(numbers(artifacts[name]));
    });
  }

  const corrected = numbers(expected.systole_corrected_rr_ms);
  if (corrected !== undefined) {
    checks++;
    test('systole-corrected series to 1e-6', () => {
      const result = correctArtifacts(rrMs).rrMs;
      expect(result).toHaveLength(corrected.length);
      corrected.forEach((want, i) => {
        expectClose(result[i], want, 1e-6, `corrected[${i}]`);
      });
    });
  }

  const v1Tolerance = numberAt(vector.tolerance, 'alpha1_abs') ?? DFA_ABS;
  for (const table of dfaTables(vector)) {
    for (const [key, value] of Object.entries(table)) {
      const method = dfaMethodFor(key);
      if (method === undefined || typeof value !== 'number') continue;
      const tolerance = method === 'fatmaxxer-v1' ? Math.min(v1Tolerance, DFA_ABS) : DFA_ABS;
      checks++;
      test(`DFA-a1 ${key} with method '${method}' to ${tolerance}`, () => {
        const options = method === 'kubios' ? undefined : { method };
        expectClose(dfaAlpha1(rrMs, options), value, tolerance, key);
      });
    }
  }

  const frequency = child(expected, 'frequency_kubios_like_own');
  if (frequency !== undefined) {
    checks++;
    test('frequency domain within 5 %', () => {
      const result = frequencyDomain(rrMs);
      expect(result).toBeDefined();
      for (const [key, field] of Object.entries(FREQUENCY_FIELDS)) {
        const want = numberAt(frequency, key);
        if (want === undefined) continue;
        expectRelative(result?.[field], want, FREQUENCY_RELATIVE, key);
      }
    });
  }

  for (const key of ['coherence_last64s', 'coherence_last64s_control']) {
    const table = child(expected, key);
    if (table === undefined) continue;
    checks++;
    test(`${key} within 2 %`, () => {
      const result = coherence(rrMs);
      expect(result).toBeDefined();
      const peakHz = numberAt(table, 'peak_freq_hz');
      const peakPower = numberAt(table, 'peak_power_ms2');
      const totalPower = numberAt(table, 'total_power_ms2');
      const ratio = numberAt(table, 'coherence_ratio');
      if (peakHz !== undefined) expectClose(result?.peakHz, peakHz, PEAK_HZ_ABS, 'peak_freq_hz');
      if (peakPower !== undefined)
        expectRelative(result?.peakPowerMs2, peakPower, COHERENCE_RELATIVE, 'peak');
      if (totalPower !== undefined)
        expectRelative(result?.totalPowerMs2, totalPower, COHERENCE_RELATIVE, 'total');
      expect(ratio).toBeDefined();
      if (ratio !== undefined) expectRelative(result?.ratio, ratio, COHERENCE_RELATIVE, 'coherence_ratio');
    });
  }

  const steps = expected.coherence_every5s_from_64s;
  if (Array.isArray(steps)) {
    checks++;
    test(`coherence every 5 s (${steps.length} steps) within 2 %`, () => {
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        if (!isObject(step)) throw new Error('step is not an object');
        const upTo = numberAt(step, 'beats_used_upto_index_exclusive');
        const ratio = numberAt(step, 'coherence_ratio');
        if (upTo === undefined || ratio === undefined) throw new Error('step lacks its fields');
        expectRelative(coherence(rrMs.slice(0, upTo))?.ratio, ratio, COHERENCE_RELATIVE, `beats < ${upTo}`);
      }
    });
  }

  test('has at least one pinned key to check', () => {
    expect(checks).toBeGreaterThan(0);
  });
});
