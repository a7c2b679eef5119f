import { describe, expect, it, vi } from 'vitest';
import { msPerRrUnit } from '../../../../src/core/ble/heart-rate-measurement';
import { correctArtifacts, dfaAlpha1 } from '../../../../src/core/hrv/index';
import { summarizeSession, type SessionMeta } from '../../../../src/core/session';
import { correctSessionBeats, sessionBeats } from '../../../../src/core/session/session-beats';
import { simulatedSamples } from './support/simulated-run';

// A correction that no longer keeps one corrected interval per raw one (here: a beat appended at the end).
vi.mock('../../../../src/core/hrv/index', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../src/core/hrv/index')>();
  return {
    ...original,
    correctArtifacts: (rrMs: readonly number[]) => {
      const result = original.correctArtifacts(rrMs);
      return { ...result, rrMs: [...result.rrMs, 500] };
    },
  };
});

describe('a correction that cannot be located by sample', () => {
  const samples = simulatedSamples({ bpm: 140, durationS: 200, jitterMs: 20, seed: 5 });

  it('is detected', () => {
    expect(correctSessionBeats(sessionBeats(samples)).located).toBe(false);
  });

  it('makes each timeline window be corrected on its own', () => {
    const meta: SessionMeta = {
      id: 's',
      kind: 'run',
      status: 'finished',
      startedAtWallMs: 0,
      notes: '',
      events: [],
    };
    const timeline = summarizeSession(meta, samples).dfaAlpha1Timeline ?? [];
    expect(timeline.map((p) => p.elapsedMs)).toEqual([120_000, 150_000, 180_000]);
    for (const point of timeline) {
      const rr = samples
        .filter((s) => s.elapsedMs > point.elapsedMs - 120_000 && s.elapsedMs <= point.elapsedMs)
        .flatMap((s) => s.rrIntervals1024.map((v) => v * msPerRrUnit));
      expect(point.alpha1).toBe(
        Math.round((dfaAlpha1(correctArtifacts(rr).rrMs) ?? Number.NaN) * 1000) / 1000,
      );
    }
  });
});
