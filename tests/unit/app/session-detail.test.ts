import { describe, expect, it } from 'vitest';
import type { SessionStorage } from '../../../src/adapters/storage/session-storage';
import { SessionDetail } from '../../../src/app/session-detail.svelte';
import type { SessionLibrary } from '../../../src/app/session-library.svelte';
import { breathingPlanRef } from '../../../src/core/breathing/breathing-plan';
import { encodeSamples } from '../../../src/core/session/sample-codec';
import type { SessionMeta, SessionSample } from '../../../src/core/session/session-model';

const samples: SessionSample[] = [0, 1000, 2000, 3000].map((elapsedMs) => ({
  elapsedMs,
  heartRateBpm: 120 + elapsedMs / 1000,
  sensorContact: 'contact',
  rrIntervals1024: [512],
}));

function libraryWith(meta: SessionMeta): SessionLibrary {
  const store: Pick<SessionStorage, 'getSession' | 'loadSamplesBytes'> = {
    getSession: (id) => Promise.resolve(id === meta.id ? meta : undefined),
    loadSamplesBytes: () => Promise.resolve([encodeSamples(samples)]),
  };
  return { store } as unknown as SessionLibrary;
}

const run: SessionMeta = {
  id: 'run',
  kind: 'run',
  status: 'finished',
  startedAtWallMs: 0,
  notes: '',
  events: [],
  summary: {
    durationMs: 26 * 60_000,
    activeMs: 24.4 * 60_000,
    timeInZoneMs: { below: 0, inZone: 900_000, above: 300_000 },
    beatCount: 4,
    dfaAlpha1Timeline: [
      { elapsedMs: 120_000, alpha1: 1.1 },
      { elapsedMs: 240_000, alpha1: 0.8 },
    ],
  },
};

describe('SessionDetail', () => {
  it('has the figures and chart series of the loaded session ready for the screen', async () => {
    const detail = new SessionDetail(libraryWith(run));
    await detail.load('run');
    // No zone on record: no time in zone to show (the definition needs a zone).
    expect(detail.zoneTime).toBeUndefined();
    expect(detail.breathingPace).toBeUndefined();
    expect(detail.restingResult).toBeUndefined();
    expect(detail.heartRatePoints.map((point) => point.y)).toEqual([120, 121, 122, 123]);
    expect(detail.tachogramPoints.map((point) => point.y)).toEqual([500, 500, 500, 500]);
    expect(detail.poincarePoints).toHaveLength(3);
    expect(detail.dfaPoints).toEqual([
      { x: 2, y: 1.1 },
      { x: 4, y: 0.8 },
    ]);
  });

  it("has a resting check's figures ready: ln RMSSD, time and frequency domain, setup", async () => {
    const resting: SessionMeta = {
      ...run,
      id: 'resting',
      kind: 'resting',
      summary: {
        durationMs: 300_000,
        activeMs: 300_000,
        beatCount: 320,
        averageHeartRateBpm: 63.5,
        rmssdMs: 42,
        artifactPct: 0.625,
        timeDomain: { sdnnMs: 51, pnn50Pct: 18, sd1Ms: 29.8, sd2Ms: 66, meanRrMs: 945 },
        frequencyDomain: {
          vlfMs2: 100,
          lfMs2: 900,
          hfMs2: 600,
          lfHfRatio: 1.5,
          lfNu: 60,
          hfNu: 40,
          lfPeakHz: 0.1,
          hfPeakHz: 0.25,
        },
        restingCheck: { plannedMinutes: 5, pacedBreathing: false },
      },
    };
    const detail = new SessionDetail(libraryWith(resting));
    await detail.load('resting');
    expect(detail.restingResult).toEqual({
      ok: true,
      restingHrBpm: 63.5,
      rmssdMs: 42,
      lnRmssd: Math.log(42),
      timeDomain: resting.summary?.timeDomain,
      frequencyDomain: resting.summary?.frequencyDomain,
      artifactPct: 0.625,
      setup: { minutes: 5, breathingRatePerMinute: undefined },
    });
  });

  it("reads a breathing exercise's pace from its plan", async () => {
    const breathing: SessionMeta = {
      ...run,
      id: 'breathing',
      kind: 'breathing',
      plan: breathingPlanRef('exercise', 6, 0.4),
    };
    const detail = new SessionDetail(libraryWith(breathing));
    await detail.load('breathing');
    expect(detail.breathingPace).toEqual({ mode: 'exercise', ratePerMinute: 6, inhalePct: 40 });
  });

  it('has nothing to show before loading', () => {
    const detail = new SessionDetail(libraryWith(run));
    expect(detail.zoneTime).toBeUndefined();
    expect(detail.heartRatePoints).toEqual([]);
    expect(detail.dfaPoints).toEqual([]);
  });
});
