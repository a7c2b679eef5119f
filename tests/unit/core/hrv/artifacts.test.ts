import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { correctArtifacts, detectArtifacts, type ArtifactReport } from '../../../../src/core/hrv/index';

const vectorDir = resolve(import.meta.dirname, '../../../../../shared/vectors/hrv');

function loadRr(file: string): number[] {
  const data = JSON.parse(readFileSync(resolve(vectorDir, file), 'utf8')) as { rr_ms: number[] };
  return data.rr_ms;
}

const EMPTY: ArtifactReport = { ectopic: [], long: [], short: [], missed: [], extra: [] };

/** A seeded, smooth, artifact-free rhythm around `meanMs`. */
function rhythm(length: number, meanMs: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length }, (_, i) => Math.round(meanMs + 25 * Math.sin(i / 4) + 6 * (random() - 0.5)));
}

describe('detectArtifacts', () => {
  test('fewer than three beats are never flagged', () => {
    expect(detectArtifacts([])).toEqual(EMPTY);
    expect(detectArtifacts([800])).toEqual(EMPTY);
    expect(detectArtifacts([800, 1600])).toEqual(EMPTY);
  });

  test('a clean rhythm has no artifacts', () => {
    expect(detectArtifacts(rhythm(300, 800, 1))).toEqual(EMPTY);
  });

  test('a doubled interval is a missed beat and a halved pair is an extra beat', () => {
    const rr = rhythm(200, 800, 2);
    rr[100] = (rr[100] ?? 0) + (rr[101] ?? 0);
    rr.splice(101, 1);
    const split = rr[150] ?? 0;
    rr.splice(150, 1, Math.round(split * 0.4), split - Math.round(split * 0.4));
    const report = detectArtifacts(rr);
    expect(report.missed).toEqual([100]);
    expect(report.extra).toEqual([150]);
  });

  test('indices refer to the caller array when invalid values are skipped', () => {
    const rr = loadRr('02_resting_with_artifacts.json');
    const expected = detectArtifacts(rr);
    const dirty = [Number.NaN, ...rr.slice(0, 100), -1, ...rr.slice(100)];
    const shift = (i: number): number => (i < 100 ? i + 1 : i + 2);
    const report = detectArtifacts(dirty);
    expect(report.ectopic).toEqual(expected.ectopic.map(shift));
    expect(report.long).toEqual(expected.long.map(shift));
    expect(report.short).toEqual(expected.short.map(shift));
    expect(report.missed).toEqual(expected.missed.map(shift));
    expect(report.extra).toEqual(expected.extra.map(shift));
  });

  test('is unchanged by scaling the series (the method is scale-free)', () => {
    const rr = loadRr('02_resting_with_artifacts.json');
    expect(detectArtifacts(rr.map((v) => v * 0.37))).toEqual(detectArtifacts(rr));
  });
});

describe('correctArtifacts', () => {
  test('leaves a clean series untouched', () => {
    const rr = rhythm(120, 650, 3);
    expect(correctArtifacts(rr)).toEqual({ rrMs: rr, report: EMPTY });
  });

  test('splits a missed beat into two halves and merges an extra beat into the next interval', () => {
    const rr = rhythm(200, 800, 4);
    const missed = (rr[60] ?? 0) + (rr[61] ?? 0);
    rr.splice(60, 2, missed);
    const next = rr[120] ?? 0;
    rr.splice(120, 1, 300, next - 300);
    const { rrMs, report } = correctArtifacts(rr);
    expect(report.missed).toEqual([60]);
    expect(report.extra).toEqual([120]);
    // One interval added, one removed.
    expect(rrMs).toHaveLength(rr.length);
    expect(rrMs[60]).toBe(missed / 2);
    expect(rrMs[61]).toBe(missed / 2);
    // After the split, index 120 of the input is 121 of the output and holds the merged interval again; its
    // second half was also flagged short, so (as in systole) it is then interpolated from its neighbours.
    expect(Math.abs((rrMs[121] ?? 0) - next)).toBeLessThan(15);
    expect(rrMs.every((v) => v > 700 && v < 900)).toBe(true);
  });

  test('interpolates an ectopic pair and the interval before it from the good neighbours', () => {
    const rr = Array.from({ length: 120 }, (_, i) => 800 + (i % 3));
    rr[60] = 560;
    rr[61] = 1040;
    const { rrMs, report } = correctArtifacts(rr);
    // The premature beat's compensatory pause is what the subspaces flag; the correction extends it backwards.
    expect(report.ectopic.some((i) => i === 60 || i === 61)).toBe(true);
    for (let i = 55; i < 66; i++) expect(Math.abs((rrMs[i] ?? 0) - 801)).toBeLessThanOrEqual(2);
  });

  test('always returns finite positive intervals for finite positive input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 5000, noNaN: true }), { minLength: 0, maxLength: 250 }),
        (rr) => {
          const { rrMs } = correctArtifacts(rr);
          for (const value of rrMs) expect(Number.isFinite(value) && value > 0).toBe(true);
        },
      ),
    );
  });
});
