import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingLockName } from '../../../src/adapters/platform/web-locks';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { courseOfLength } from '../../../src/app/course';
import { RunGroup } from '../../../src/app/run-group.svelte';
import { plannedRun } from '../../../src/app/run-choice';
import type { RunnerRun } from '../../../src/app/runner-run.svelte';
import { DEFAULT_TILE_HOLD_MS } from '../../../src/core/group/tile-order';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { FakeLocks } from '../support/fake-locks';
import { manualStrap } from '../support/manual-strap';
import { runnerRun } from './runner-run-fixtures';

/** Lets promise chains (a released lock, its callback's finally) run to their end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function never(): never {
  throw new Error('expected a value');
}

describe('RunGroup', () => {
  let store: SessionStore;
  let locks: FakeLocks;
  const groups: RunGroup[] = [];

  beforeEach(async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'],
    });
    store = await SessionStore.open(freshDbName(), { estimator: undefined });
    locks = new FakeLocks();
    vi.stubGlobal('navigator', { locks });
  });

  afterEach(() => {
    for (const group of groups.splice(0)) group.dispose();
    store.close();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** A supervised group of these runners, each with a strap of their own that the test beats by hand. */
  function groupOf(names: readonly string[], onRaised?: (run: RunnerRun) => void) {
    const straps = names.map(() => manualStrap());
    const runs = names.map((name, place) =>
      runnerRun(store, {
        runner: { id: name.toLowerCase(), name },
        group: { groupId: 'tuesday', size: names.length, place },
        silentCues: true,
      }),
    );
    const group = new RunGroup(runs, { supervised: true, ...(onRaised && { onRaised }) });
    groups.push(group);
    const strapOf = (run: RunnerRun) => straps[runs.indexOf(run)]?.strap;
    const beatAll = (bpm = 130) => {
      for (const { beat } of straps) beat(bpm);
    };
    return { group, runs, straps, strapOf, beatAll };
  }

  const tabLockHeld = () => locks.held.has(recordingLockName);

  it('takes the tab’s recording lock, so a second group in another tab is refused and records nothing', async () => {
    const first = groupOf(['Sam', 'Noor']);
    expect(await first.group.start(first.strapOf)).toBe(true);
    expect(tabLockHeld()).toBe(true);
    expect(first.runs.every((run) => run.isActive)).toBe(true);
    expect(first.group.isActive).toBe(true);

    const second = groupOf(['Lou']);
    expect(await second.group.start(second.strapOf)).toBe(false);
    expect(second.group.problem).toBe('held-elsewhere');
    expect(second.runs[0]?.isActive).toBe(false);
    expect(second.runs[0]?.sessionId).toBeUndefined();
    expect(await store.findInterruptedSessions()).toHaveLength(2);
  });

  it('ends one run while the others go on, and lets go of the lock only when the last run ends', async () => {
    const { group, runs, strapOf, beatAll } = groupOf(['Sam', 'Noor', 'Lou']);
    await group.start(strapOf);
    const [sam, noor, lou] = [runs[0] ?? never(), runs[1] ?? never(), runs[2] ?? never()];
    beatAll();

    expect(await group.finishOne(noor)).toBe(noor.sessionId);
    expect(noor.isFinished).toBe(true);
    expect(sam.isActive && lou.isActive).toBe(true);
    expect(group.isActive).toBe(true);
    await settle();
    expect(tabLockHeld()).toBe(true);

    beatAll();
    expect(sam.recording.state.samples).toHaveLength(2);
    expect(noor.recording.state.samples).toHaveLength(1);

    await group.finishOne(sam);
    await settle();
    expect(tabLockHeld()).toBe(true);
    await group.finishOne(lou);
    await settle();
    expect(group.isActive).toBe(false);
    expect(tabLockHeld()).toBe(false);
  });

  it('ends every run still going and returns every session id in the group’s order', async () => {
    const { group, runs, strapOf, beatAll } = groupOf(['Sam', 'Noor', 'Lou']);
    await group.start(strapOf);
    beatAll();
    await group.finishOne(runs[1] ?? never());

    const ids = await group.finishAll();
    expect(ids).toEqual(runs.map((run) => run.sessionId ?? never()));
    expect(new Set(ids).size).toBe(3);
    expect(runs.every((run) => run.isFinished)).toBe(true);
    await settle();
    expect(tabLockHeld()).toBe(false);
    for (const id of ids) expect((await store.getSession(id))?.status).toBe('finished');
  });

  it('raises a tile only once its need for attention has held for 4 s, and tells each rise once', async () => {
    const raisedRuns: string[] = [];
    const { group, straps, strapOf, beatAll } = groupOf(['Sam', 'Noor', 'Lou'], (run) =>
      raisedRuns.push(run.key),
    );
    await group.start(strapOf);
    beatAll();
    group.updateOrder(0);
    expect(group.order).toEqual(['sam', 'noor', 'lou']);
    const louStrap = straps[2]?.strap ?? never();

    // Lou's strap loses skin contact at 1 s.
    louStrap.sensorContact = 'no-contact';
    for (const nowMs of [1000, 2000, 3000, 4000, 4999]) {
      group.updateOrder(nowMs);
      expect(group.raised).toEqual([]);
    }
    expect(group.order).toEqual(['sam', 'noor', 'lou']);
    group.updateOrder(1000 + DEFAULT_TILE_HOLD_MS);
    expect(group.raised).toEqual(['lou']);
    expect(group.isRaised('lou')).toBe(true);
    expect(group.order).toEqual(['lou', 'sam', 'noor']);
    expect(group.ordered.map((run) => run.runner?.name)).toEqual(['Lou', 'Sam', 'Noor']);
    group.updateOrder(6000);
    group.updateOrder(9000);
    expect(raisedRuns).toEqual(['lou']);

    // Contact back: the tile settles back into its place once that has held too.
    louStrap.sensorContact = 'contact';
    group.updateOrder(10_000);
    expect(group.raised).toEqual(['lou']);
    group.updateOrder(14_000);
    expect(group.raised).toEqual([]);
    expect(group.order).toEqual(['sam', 'noor', 'lou']);

    // A flicker of two seconds moves nothing and tells nobody.
    louStrap.sensorContact = 'no-contact';
    group.updateOrder(15_000);
    group.updateOrder(17_000);
    louStrap.sensorContact = 'contact';
    group.updateOrder(18_000);
    group.updateOrder(25_000);
    expect(group.raised).toEqual([]);
    expect(raisedRuns).toEqual(['lou']);

    // Lost again for good: a second rise, told once more.
    louStrap.sensorContact = 'no-contact';
    group.updateOrder(26_000);
    group.updateOrder(30_000);
    group.updateOrder(31_000);
    expect(raisedRuns).toEqual(['lou', 'lou']);
  });

  it('looks at the tiles once a second by itself while the runs go on', async () => {
    const raisedRuns: string[] = [];
    const { group, straps, strapOf } = groupOf(['Sam', 'Noor'], (run) => raisedRuns.push(run.key));
    await group.start(strapOf);
    const [sam, noor] = [straps[0] ?? never(), straps[1] ?? never()];
    sam.strap.sensorContact = 'no-contact';
    for (let s = 0; s < 7; s++) {
      sam.beat(130);
      noor.beat(130);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(group.raised).toEqual(['sam']);
    expect(raisedRuns).toEqual(['sam']);
  });

  it('sums up the finished runs only, each with its runner, time in zone and share of the plan', async () => {
    const planned = plannedRun({ kind: 'course', week: 1, run: 1 }, courseOfLength(12, undefined)) ?? never();
    const sam = manualStrap();
    const noor = manualStrap();
    const runs = [
      runnerRun(store, { runner: { id: 'sam', name: 'Sam' }, plan: planned.plan, planRef: planned.ref }),
      runnerRun(store, { runner: { id: 'noor', name: 'Noor' }, plan: planned.plan, planRef: planned.ref }),
    ];
    const group = new RunGroup(runs, { supervised: true });
    groups.push(group);
    await group.start((run) => (run === runs[0] ? sam.strap : noor.strap));
    for (let s = 0; s < 30; s++) {
      sam.beat(130);
      noor.beat(130);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(group.summaries()).toEqual([]);

    await group.finishOne(runs[0] ?? never());
    const samOnly = group.summaries();
    expect(samOnly).toHaveLength(1);
    const plannedMs = runs[0]?.plannedMs ?? never();
    expect(samOnly[0]).toMatchObject({
      sessionId: runs[0]?.sessionId,
      runnerName: 'Sam',
      activeMs: 30_000,
      inZonePct: 100,
      averageHeartRateBpm: 130,
      gapCount: 0,
      planCompletion: 30_000 / plannedMs,
    });

    for (let s = 0; s < 10; s++) {
      noor.beat(130);
      await vi.advanceTimersByTimeAsync(1000);
    }
    await group.finishAll();
    expect(group.summaries().map((summary) => [summary.runnerName, summary.activeMs])).toEqual([
      ['Sam', 30_000],
      ['Noor', 40_000],
    ]);
  });

  it('lets a runner join while the group runs, with a tile at the end, and refuses one after it ended', async () => {
    const { group, runs, strapOf, beatAll } = groupOf(['Sam', 'Noor']);
    await group.start(strapOf);
    const joiner = manualStrap();
    const anna = runnerRun(store, { runner: { id: 'anna', name: 'Anna' }, silentCues: true });
    expect(await group.join(anna, joiner.strap)).toBe(true);
    expect(group.runs).toEqual([...runs, anna]);
    expect(group.order).toEqual(['sam', 'noor', 'anna']);
    expect(anna.isActive).toBe(true);
    expect(await group.join(anna, joiner.strap)).toBe(false);
    beatAll();
    joiner.beat(125);
    expect(anna.recording.state.samples).toHaveLength(1);

    const ids = await group.finishAll();
    expect(ids).toHaveLength(3);
    expect(anna.isFinished).toBe(true);
    const late = runnerRun(store, { runner: { id: 'bo', name: 'Bo' }, silentCues: true });
    expect(await group.join(late, manualStrap().strap)).toBe(false);
    expect(late.sessionId).toBeUndefined();
    expect(group.runs).toHaveLength(3);
  });

  it('starts with no runs of its own for runners sharing from their phones, and stays open until finished', async () => {
    const empty = new RunGroup([], { supervised: true });
    expect(await empty.start(() => undefined)).toBe(false);

    const group = new RunGroup([], { supervised: true, awaitsJoiners: true });
    expect(await group.start(() => undefined)).toBe(true);
    expect(group.isActive).toBe(true);
    const joiner = manualStrap();
    const anna = runnerRun(store, { runner: { id: 'anna', name: 'Anna' }, silentCues: true });
    expect(await group.join(anna, joiner.strap)).toBe(true);
    joiner.beat(125);
    expect(anna.recording.state.samples).toHaveLength(1);
    // Anna's run ends; the group waits for others until the therapist finishes it.
    await group.finishOne(anna);
    expect(group.isActive).toBe(true);
    expect(await group.finishAll()).toHaveLength(1);
    expect(group.isActive).toBe(false);
    expect(await group.join(runnerRun(store, { runner: { id: 'bo', name: 'Bo' } }), undefined)).toBe(false);
  });
});
