import { describe, expect, it } from 'vitest';
import { timeDomain } from '../../../../src/core/hrv/index';
import { daysBetween } from '../../../../src/core/clients/calendar-days';
import {
  participantCodes,
  researchRow,
  researchRowNeedsSamples,
} from '../../../../src/core/clients/research-rows';
import { correctSessionBeats, sessionBeats } from '../../../../src/core/session/session-beats';
import { summarizeSession } from '../../../../src/core/session/session-summary';
import { clientRecord, clientRun } from '../../../e2e/support/client-files';

const course = clientRecord().course ?? { weeks: 12, startDate: '2026-09-07', runsPerWeek: 3 };

describe('participant codes', () => {
  it('number the participants P01, P02 ... by id, the same whatever order they come in', () => {
    const codes = participantCodes(['zeta', 'alpha', 'mid']);
    expect([...codes.entries()]).toEqual([
      ['alpha', 'P01'],
      ['mid', 'P02'],
      ['zeta', 'P03'],
    ]);
    expect(participantCodes(['mid', 'zeta', 'alpha', 'mid'])).toEqual(codes);
  });

  it('take three digits from the hundredth participant', () => {
    const ids = Array.from({ length: 120 }, (_, index) => `id-${String(index).padStart(3, '0')}`);
    const codes = participantCodes(ids);
    expect(codes.get('id-000')).toBe('P001');
    expect(codes.get('id-119')).toBe('P120');
  });
});

describe('days between calendar days', () => {
  it('counts whole days across months, years and daylight saving changes', () => {
    expect(daysBetween('2026-09-07', '2026-09-07')).toBe(0);
    expect(daysBetween('2026-09-07', '2026-10-26')).toBe(49);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-09-07', '2026-09-01')).toBe(-6);
  });
});

describe('a research row', () => {
  it('holds the session figures by code, week and day offset, and no words', () => {
    const run = clientRun(4);
    const row = researchRow('P03', course, { ...run, startDate: '2026-09-15' });
    const summary = summarizeSession(run.meta, run.samples);
    const hrv = timeDomain(correctSessionBeats(sessionBeats(run.samples)).rrMs);
    expect(hrv).toBeDefined();
    expect(row).toEqual({
      participant: 'P03',
      courseWeek: 2,
      plannedWeek: 2,
      plannedRun: 2,
      supervised: false,
      dayOffset: 8,
      kind: 'run',
      durationS: 120,
      activeMin: 2,
      averageHeartRateBpm: summary.averageHeartRateBpm,
      maxHeartRateBpm: summary.maxHeartRateBpm,
      belowZonePct: expect.any(Number) as number,
      inZonePct: expect.any(Number) as number,
      aboveZonePct: expect.any(Number) as number,
      rmssdMs: hrv?.rmssdMs,
      lnRmssd: Math.log(hrv?.rmssdMs ?? 1),
      sdnnMs: hrv?.sdnnMs,
      pnn50Pct: hrv?.pnn50Pct,
      artifactPct: summary.artifactPct,
      feelingBefore: 1,
      arousalBefore: 2,
      feelingAfter: 3,
      arousalAfter: 3,
      exertion: 4,
    });
    expect((row.belowZonePct ?? 0) + (row.inZonePct ?? 0) + (row.aboveZonePct ?? 0)).toBeCloseTo(100, 9);
    expect(row.rmssdMs).toBe(summary.rmssdMs);
    expect(JSON.stringify(row)).not.toMatch(/Anna|Private words|client-anna/u);
  });

  it('takes the figures from the stored summary, reading samples only for a session stored without its time domain', () => {
    const run = clientRun(4);
    const summary = summarizeSession(run.meta, run.samples);
    const stored = { ...run.meta, summary };
    expect(researchRowNeedsSamples(stored)).toBe(false);
    const fromSamples = researchRow('P03', course, { ...run, startDate: '2026-09-15' });
    expect(researchRow('P03', course, { meta: stored, startDate: '2026-09-15' })).toEqual(fromSamples);

    const { timeDomain: _timeDomain, ...olderSummary } = summary;
    const older = { ...run.meta, summary: olderSummary };
    expect(researchRowNeedsSamples(older)).toBe(true);
    expect(
      researchRow('P03', course, { meta: older, samples: run.samples, startDate: '2026-09-15' }),
    ).toEqual(fromSamples);
    expect(researchRowNeedsSamples({ ...run.meta, summary: undefined })).toBe(true);
  });

  it('gives a refused resting check no HRV, as its summary has none', () => {
    const run = clientRun(4);
    const {
      timeDomain: _timeDomain,
      rmssdMs: _rmssdMs,
      ...summary
    } = summarizeSession(run.meta, run.samples);
    const refused = {
      ...run.meta,
      kind: 'resting' as const,
      summary: {
        ...summary,
        restingCheck: { pacedBreathing: false, refusal: 'too-many-artifacts' as const },
      },
    };
    expect(researchRowNeedsSamples(refused)).toBe(false);
    const row = researchRow('P01', course, { meta: refused, startDate: '2026-09-15' });
    expect(row).not.toHaveProperty('rmssdMs');
    expect(row).not.toHaveProperty('sdnnMs');
  });

  it('marks a run of a supervised group, and a session before the course as week 0', () => {
    const run = clientRun(0);
    expect(researchRow('P01', course, { ...run, startDate: '2026-09-07' })).toMatchObject({
      supervised: true,
      courseWeek: 1,
      dayOffset: 0,
    });
    expect(researchRow('P01', course, { ...run, startDate: '2026-09-01' })).toMatchObject({
      courseWeek: 0,
      dayOffset: -6,
    });
  });

  it('leaves out what a session has nothing to compute from', () => {
    const run = clientRun(1);
    const silent = {
      meta: { ...run.meta, zone: undefined, before: undefined, after: undefined, exertion: undefined },
      samples: run.samples.map((sample) => ({ ...sample, heartRateBpm: null, rrIntervals1024: [] })),
      startDate: '2026-09-09',
    };
    const row = researchRow('P01', course, silent);
    for (const key of [
      'averageHeartRateBpm',
      'inZonePct',
      'rmssdMs',
      'lnRmssd',
      'sdnnMs',
      'pnn50Pct',
      'artifactPct',
      'feelingBefore',
      'exertion',
    ]) {
      expect(row, key).not.toHaveProperty(key);
    }
  });
});
