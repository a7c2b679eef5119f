import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RestingCheck, type RestingCheckSetup } from '../../../src/app/resting-check.svelte';
import { restingResultView } from '../../../src/app/resting-result';
import { RunRecording } from '../../../src/app/run-recording.svelte';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { decodeSamples, msPerRrUnit, restingCheck, restingPlanOf } from '../../../src/core';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { manualStrap } from '../support/manual-strap';
import { readSharedVector } from '../support/shared-vectors';
import { strapPackets } from '../core/breathing/strap-packets';

const clean = (readSharedVector('hrv/01_resting_clean.json') as { rr_ms: number[] }).rr_ms;
const twoMinutes: RestingCheckSetup = { minutes: 2, breathingRatePerMinute: undefined };

describe('RestingCheck', () => {
  let store: SessionStore;

  beforeEach(async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'],
    });
    store = await SessionStore.open(freshDbName(), { estimator: undefined });
  });

  afterEach(() => {
    store.close();
    vi.useRealTimers();
  });

  function newCheck(setup: RestingCheckSetup) {
    const recording = new RunRecording(store);
    const discarded: string[] = [];
    let finishedId: string | undefined;
    const check = new RestingCheck(setup, recording, {
      wakeLock: null,
      discardSession: async (id) => {
        discarded.push(id);
        await store.deleteSession(id);
      },
      onFinished: (id) => (finishedId = id),
    });
    return { check, recording, discarded, finished: () => finishedId };
  }

  /** Sends the series as a strap would, one notification a second, until `untilMs` into the check. */
  async function sendRr(
    recording: RunRecording,
    send: ReturnType<typeof manualStrap>['send'],
    rrMs: number[],
    untilMs: number,
  ) {
    for (const packet of strapPackets(rrMs)) {
      if (performance.now() - recording.state.originMs >= untilMs - 1000) break;
      await vi.advanceTimersByTimeAsync(1000);
      send({
        heartRateBpm: packet.heartRateBpm,
        sensorContact: 'contact',
        rrIntervalsMs: packet.rrIntervalsMs,
      });
    }
  }

  it('records 2 minutes of vector 01 as a resting session, ends by itself, and keeps figures of its RR', async () => {
    const { check, recording, finished } = newCheck(twoMinutes);
    const { strap, send } = manualStrap();
    expect(await check.start(strap, { id: 'runner-1', name: 'Anna' })).toBe(true);
    expect(check.state).toBe('running');
    expect(check.position).toBeUndefined();
    await sendRr(recording, send, clean, 120_000);
    expect(check.leftMs).toBeLessThanOrEqual(1000);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() => {
      expect(check.state).toBe('finished');
    });
    const id = check.sessionId ?? '';
    expect(finished()).toBe(id);

    const meta = await store.getSession(id);
    expect(meta?.kind).toBe('resting');
    expect(meta?.runnerId).toBe('runner-1');
    expect(restingPlanOf(meta?.plan)).toEqual({ minutes: 2, breathingRatePerMinute: undefined });
    // The stored RR are what the strap sent, and the figures are the core's resting check of them.
    const samples = (await store.loadSamplesBytes(id)).flatMap((bytes) => decodeSamples(bytes));
    const storedRr = samples.flatMap((sample) => sample.rrIntervals1024.map((rr) => rr * msPerRrUnit));
    expect(storedRr.length).toBeGreaterThan(130);
    const expected = restingCheck(storedRr);
    if (!expected.ok) throw new Error('two minutes of clean beats are accepted');
    expect(meta?.summary?.rmssdMs).toBe(expected.rmssdMs);
    expect(meta?.summary?.averageHeartRateBpm).toBe(expected.restingHrBpm);
    expect(meta?.summary?.restingCheck).toEqual({ plannedMinutes: 2, pacedBreathing: false });
    expect(check.summary).toEqual(meta?.summary);
    const view = restingResultView(check.summary);
    expect(view?.ok && view.lnRmssd).toBeCloseTo(Math.log(expected.rmssdMs), 12);
  });

  it('stopping early removes what was recorded', async () => {
    const { check, recording, discarded } = newCheck({ minutes: 5, breathingRatePerMinute: 6 });
    const { strap, send } = manualStrap();
    expect(await check.start(strap)).toBe(true);
    await sendRr(recording, send, clean, 30_000);
    // Paced breathing runs the pacer's clock.
    expect(check.position?.block.ratePerMinute).toBe(6);
    const id = recording.meta?.id ?? '';
    expect(await store.getSession(id)).toBeDefined();
    await check.discard();
    expect(check.state).toBe('discarded');
    expect(discarded).toEqual([id]);
    expect(await store.getSession(id)).toBeUndefined();
    expect(await store.listHistory()).toEqual([]);
    expect(recording.isActive).toBe(false);
  });

  it('a check whose strap sends nothing is stored and refused as too short', async () => {
    const { check } = newCheck(twoMinutes);
    const { strap } = manualStrap();
    expect(await check.start(strap)).toBe(true);
    await vi.advanceTimersByTimeAsync(121_000);
    await vi.waitFor(() => {
      expect(check.state).toBe('finished');
    });
    expect(check.summary?.restingCheck?.refusal).toBe('too-short');
    expect(check.summary?.rmssdMs).toBeUndefined();
    expect(restingResultView(check.summary)).toEqual({
      ok: false,
      reason: 'too-short',
      artifactPct: 0,
      setup: { minutes: 2, breathingRatePerMinute: undefined },
    });
  });
});
