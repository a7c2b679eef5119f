import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CuePlayer } from '../../../src/adapters/cues/cue-player';
import { defaultCoachingPreferences } from '../../../src/adapters/storage/preferences-store';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { RunRecording } from '../../../src/app/run-recording.svelte';
import { SecondTicker } from '../../../src/app/second-ticker';
import { FakeVisibilityDocument } from '../adapters/platform/fake-visibility-document';
import { plannedRun } from '../../../src/app/run-choice';
import { courseOfLength } from '../../../src/app/course';
import { decodeSamples } from '../../../src/core';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { FakeSpeechSynthesis, FakeUtterance, voice } from '../adapters/cues/fake-speech-synthesis';
import { manualStrap } from '../support/manual-strap';
import { calmZone, eventsOf, runnerRun } from './runner-run-fixtures';

/** `seconds` of the strap beating once a second at `bpm`, letting the run's timers and writes go on. */
async function beatFor(seconds: number, beat: (bpm: number) => void, bpm = 130): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    beat(bpm);
    await vi.advanceTimersByTimeAsync(1000);
  }
}

async function storedSampleCount(store: SessionStore, id: string): Promise<number> {
  const parts = await store.loadSamplesBytes(id);
  return parts.reduce((count, bytes) => count + decodeSamples(bytes).length, 0);
}

function never(): never {
  throw new Error('expected a value');
}

describe('RunnerRun', () => {
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
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('records the runner, the zone with the grace in force, the plan and the group it runs in', async () => {
    const planned = plannedRun({ kind: 'course', week: 2, run: 1 }, courseOfLength(12, undefined)) ?? never();
    const group = { groupId: 'tuesday', size: 3, place: 1 };
    const run = runnerRun(store, {
      coaching: { ...defaultCoachingPreferences, tones: false, vibration: false, graceSeconds: 35 },
      plan: planned.plan,
      planRef: planned.ref,
      group,
      before: { feeling: 4, arousal: 2 },
    });
    expect(run.isActive).toBe(false);
    expect(await run.start(undefined)).toBe(true);

    expect(run.isActive).toBe(true);
    expect(run.key).toBe('sam');
    const expected = {
      runnerId: 'sam',
      runnerName: 'Sam',
      zone: { ...calmZone, graceMs: 35_000 },
      plan: planned.ref,
      group,
      before: { feeling: 4, arousal: 2 },
    };
    expect(run.recording.meta).toMatchObject(expected);
    // Stored at once, so a crash in the first seconds still leaves the run.
    expect(await store.getSession(run.sessionId ?? never())).toMatchObject({
      ...expected,
      status: 'recording',
    });
    expect(run.plannedMs).toBeGreaterThan(0);
    run.dispose();
  });

  it('records a strap connected after the start from then on, and coaches by it', async () => {
    const run = runnerRun(store);
    await run.start(undefined);
    await vi.advanceTimersByTimeAsync(3000);
    expect(run.recording.state.samples).toHaveLength(0);

    const { strap, beat } = manualStrap();
    run.attach(strap);
    await beatFor(4, beat, 131);
    expect(run.strap).toBe(strap);
    expect(run.recording.state.samples.map((sample) => sample.heartRateBpm)).toEqual([131, 131, 131, 131]);
    expect(run.recording.state.samples[0]?.elapsedMs).toBe(3000);
    expect(run.coach?.smoothedHrBpm).toBe(131);
    expect(run.coach?.zoneState).toBe('in');
    run.dispose();
  });

  describe('cues', () => {
    let synthesis: FakeSpeechSynthesis;

    beforeEach(() => {
      synthesis = new FakeSpeechSynthesis([voice('Daniel', 'en-GB')]);
      vi.stubGlobal('speechSynthesis', synthesis);
      vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    });

    /** A run without a strap: after five seconds without a reading the coach says so. */
    async function runWithoutStrap(silentCues: boolean) {
      const play = vi.spyOn(CuePlayer.prototype, 'play');
      const run = runnerRun(store, { silentCues });
      await run.start(undefined);
      await vi.advanceTimersByTimeAsync(8000);
      return { run, play };
    }

    it('are spoken in a run of one', async () => {
      const { run, play } = await runWithoutStrap(false);
      expect(eventsOf(run, 'cue')).toEqual(['contact-lost']);
      expect(play).toHaveBeenCalledOnce();
      expect(synthesis.spoken).toHaveLength(1);
      run.dispose();
    });

    it("are decided at the strap's packets when the timer runs once a minute, as on a hidden page", async () => {
      // A page hidden for minutes: Chrome runs its timers once a minute, while the strap's packets still come.
      vi.stubGlobal('document', new FakeVisibilityDocument('hidden'));
      const run = runnerRun(store, { ticker: new SecondTicker(60_000) });
      await run.start(undefined);
      const { strap, beat } = manualStrap();
      run.attach(strap);
      const cueAtS: number[] = [];
      for (let s = 1; s <= 40; s++) {
        beat(165);
        // The tick follows the packet in a task of its own (a message, which the fake timers do not hold back).
        await new Promise((resolve) => setImmediate(resolve));
        await vi.advanceTimersByTimeAsync(1000);
        if (eventsOf(run, 'cue').includes('slow-down') && cueAtS.length === 0) cueAtS.push(s);
      }
      // Above 140 for the 20-s grace, then "slow down": within seconds of its due time, not at the next minute.
      expect(cueAtS).toHaveLength(1);
      expect(cueAtS[0]).toBeGreaterThanOrEqual(20);
      expect(cueAtS[0]).toBeLessThanOrEqual(25);
      // The zone's times are counted on at those ticks too: 40 s above, the first 20 within the grace.
      expect(run.coach?.zoneTimes?.aboveMs).toBeGreaterThanOrEqual(18_000);
      run.dispose();
    });

    it("count the grace in the run's time when performance.now() stands still between packets", async () => {
      // A sleeping phone: performance.now() moves 0.2 s for every second of the wall clock, while the packets come
      // once a second. The run's clock makes up the difference; the coach must count by it too.
      vi.stubGlobal('document', new FakeVisibilityDocument('hidden'));
      const run = runnerRun(store, { ticker: new SecondTicker(60_000) });
      await run.start(undefined);
      const fakeNow = performance.now.bind(performance);
      let stalledMs = 0;
      vi.spyOn(performance, 'now').mockImplementation(() => fakeNow() - stalledMs);
      const { strap, beat } = manualStrap();
      run.attach(strap);
      let slowDownAtS: number | undefined;
      for (let s = 1; s <= 40 && slowDownAtS === undefined; s++) {
        beat(165);
        await new Promise((resolve) => setImmediate(resolve));
        await vi.advanceTimersByTimeAsync(1000);
        stalledMs += 800;
        if (eventsOf(run, 'cue').includes('slow-down')) slowDownAtS = s;
      }
      // After the 20-s grace of the runner's time, not after 100 s of it (20 s of the stalled clock).
      expect(slowDownAtS).toBeGreaterThanOrEqual(20);
      expect(slowDownAtS).toBeLessThanOrEqual(25);
      run.dispose();
    });

    it('are recorded but never played in a group, and their words are still there for the tile', async () => {
      const { run, play } = await runWithoutStrap(true);
      expect(eventsOf(run, 'cue')).toEqual(['contact-lost']);
      expect(play).not.toHaveBeenCalled();
      expect(synthesis.spoken).toHaveLength(0);
      expect(run.lastCueWords).toBeTruthy();
      run.dispose();
    });
  });

  it('pauses the zone tracker with the recorder, so paused time counts nowhere', async () => {
    const run = runnerRun(store);
    const { strap, beat } = manualStrap();
    await run.start(strap);
    await beatFor(10, beat);
    // Half a second after the coach's last tick: that half second was run and must count.
    await vi.advanceTimersByTimeAsync(500);
    run.pause();
    expect(run.recording.meta?.status).toBe('paused');
    // The strap keeps beating through a minute's pause.
    await beatFor(60, beat);
    run.resume();
    expect(run.recording.meta?.status).toBe('recording');
    await beatFor(10, beat);

    // The tracker's last input was the coach's tick on the whole second: 10.5 s before the pause, 9.5 s after.
    const lastTickMs = Math.floor(performance.now() / 1000) * 1000;
    const times = run.coach?.zoneTimes ?? never();
    expect(times.belowMs + times.inMs + times.aboveMs + times.noReadingMs).toBe(run.activeMs(lastTickMs));
    expect(run.activeMs(lastTickMs)).toBe(20_000);
    expect(times.inMs).toBe(20_000);
    expect(run.recording.state.samples).toHaveLength(20);
    run.dispose();
  });

  it('finishes with the session id, stored as finished, and is no longer active or coached', async () => {
    const run = runnerRun(store);
    const { strap, beat } = manualStrap();
    await run.start(strap);
    await beatFor(6, beat);
    const id = await run.finish();

    expect(id).toBe(run.sessionId);
    expect(run.isActive).toBe(false);
    expect(run.isFinished).toBe(true);
    // What happens to the strap after the run is nobody's concern on the run's tile.
    strap.state = { kind: 'reconnecting', attempt: 1, nextAttemptAtMs: 1000 };
    expect(run.attention).toEqual([]);
    const stored = await store.getSession(id ?? never());
    expect(stored?.status).toBe('finished');
    expect(stored?.summary?.beatCount).toBe(6);
    const eventCount = run.recording.meta?.events.length;
    await beatFor(20, beat);
    expect(run.recording.meta?.events.length).toBe(eventCount);
    expect(run.recording.state.samples).toHaveLength(6);
    run.dispose();
  });

  it('needs attention as its strap does: contact lost, reconnecting, a low battery, no strap at all', async () => {
    const run = runnerRun(store);
    const { strap, beat } = manualStrap();
    await run.start(strap);
    beat(130);
    expect(run.attention).toEqual([]);

    strap.sensorContact = 'no-contact';
    expect(run.attention).toEqual(['contact-lost']);
    strap.sensorContact = 'contact';
    strap.state = { kind: 'reconnecting', attempt: 1, nextAttemptAtMs: 1000 };
    expect(run.attention).toEqual(['reconnecting']);
    strap.state = { kind: 'live' };
    strap.info = { name: 'Manual strap', batteryPercent: 9 };
    expect(run.attention).toEqual(['battery-low']);
    strap.info = { name: 'Manual strap', batteryPercent: 80 };
    await beatFor(30, beat, 175);
    expect(run.attention).toEqual(['above-zone']);
    run.dispose();

    const strapless = runnerRun(store);
    await strapless.start(undefined);
    expect(strapless.attention).toEqual(['connection-lost']);
    strapless.dispose();
  });

  it('tells the share of time in the zone as the tracker counts it, and none when running by feel', async () => {
    const run = runnerRun(store);
    const { strap, beat } = manualStrap();
    await run.start(strap);
    expect(run.inZonePct).toBeUndefined();
    await beatFor(20, beat, 130);
    expect(run.inZonePct).toBe(100);
    // Forty seconds above: the first twenty are the grace and count as in the zone, the rest do not.
    await beatFor(40, beat, 165);
    const pct = run.inZonePct ?? never();
    expect(pct).toBeGreaterThanOrEqual(60);
    expect(pct).toBeLessThanOrEqual(75);
    run.dispose();

    const byFeel = runnerRun(store, { zone: { lowBpm: 0, highBpm: 0, method: 'by-feel' } });
    const other = manualStrap();
    await byFeel.start(other.strap);
    await beatFor(10, other.beat, 130);
    expect(byFeel.inZonePct).toBeUndefined();
    byFeel.dispose();
  });

  it('counts active time without the pauses', async () => {
    const run = runnerRun(store);
    expect(run.activeMs(performance.now())).toBe(0);
    await run.start(undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    run.pause();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(run.activeMs(performance.now())).toBe(10_000);
    run.resume();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run.activeMs(performance.now())).toBe(15_000);
    run.dispose();
  });

  it('carries on a run a reload interrupted, with everything stored before it', async () => {
    const first = new RunRecording(store, { lockScope: 'session' });
    const { strap, beat } = manualStrap();
    await first.start({
      strap,
      runner: { id: 'sam', name: 'Sam' },
      zone: calmZone,
      graceMs: 25_000,
    });
    const id = first.meta?.id ?? never();
    await beatFor(11, beat);
    first.dispose(); // the page goes away without finishing
    const stored = await storedSampleCount(store, id);
    expect(stored).toBeGreaterThanOrEqual(6);

    const interrupted = (await store.findInterruptedSessions())[0] ?? never();
    const run = runnerRun(store, { zone: interrupted.meta.zone });
    const again = manualStrap();
    expect(await run.resumeAfterReload(interrupted, again.strap)).toBe(true);
    expect(run.isActive).toBe(true);
    expect(run.sessionId).toBe(id);
    await beatFor(3, again.beat);
    expect(run.coach?.zoneState).toBe('in');
    expect(await run.finish()).toBe(id);

    expect(await storedSampleCount(store, id)).toBe(stored + 3);
    const meta = await store.getSession(id);
    expect(meta?.status).toBe('finished');
    expect(meta?.zone).toEqual({ ...calmZone, graceMs: 25_000 });
    expect(meta?.events.some((event) => event.type === 'resumed-after-reload')).toBe(true);
    run.dispose();
  });

  it('comes back paused when the reload interrupted a paused run', async () => {
    const first = new RunRecording(store, { lockScope: 'session' });
    const { strap, beat } = manualStrap();
    await first.start({ strap, zone: calmZone });
    await beatFor(4, beat);
    first.pause();
    await vi.advanceTimersByTimeAsync(6000); // the paused state reaches storage with the next chunk
    first.dispose();

    const interrupted = (await store.findInterruptedSessions())[0] ?? never();
    expect(interrupted.meta.status).toBe('paused');
    const run = runnerRun(store, { zone: interrupted.meta.zone });
    const again = manualStrap();
    await run.resumeAfterReload(interrupted, again.strap);
    await beatFor(5, again.beat);
    expect(run.recording.meta?.status).toBe('paused');
    expect(run.recording.state.samples).toHaveLength(4);
    run.resume();
    await beatFor(2, again.beat);
    expect(run.recording.state.samples).toHaveLength(6);
    run.dispose();
  });
});
