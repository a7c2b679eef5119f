import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShareCipher } from '../../../src/adapters/share/share-cipher';
import { SharePublisher } from '../../../src/adapters/share/share-publisher';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { StrapEventHub } from '../../../src/adapters/strap-event-hub';
import { browserClock, type HeartRateSource } from '../../../src/adapters/heart-rate-source';
import { LiveShareHost, type SharedRunner } from '../../../src/app/live-share-host.svelte';
import { RunGroup } from '../../../src/app/run-group.svelte';
import { encodeHeartRateMeasurement } from '../../../src/core/ble/encode-heart-rate-measurement';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { FakeLocks } from '../support/fake-locks';
import { FakeShareLink } from '../support/fake-share-link';
import { manualStrap } from '../support/manual-strap';
import { runnerRun } from './runner-run-fixtures';

const anna: RunnerProfile = { id: 'anna-profile', name: 'Anna', maxHrSource: 'tanaka', ageYears: 44 };

describe('LiveShareHost.joinGroupRun', () => {
  let store: SessionStore;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    store = await SessionStore.open(freshDbName(), { estimator: undefined });
    vi.stubGlobal('navigator', { locks: new FakeLocks() });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    store.close();
    vi.unstubAllGlobals();
  });

  /** A therapist's group run with Sam, and runners sharing into it under these names. */
  async function setUp(sharedNames: readonly string[]) {
    const server = new FakeShareLink();
    const joined: SharedRunner[] = [];
    const host = await LiveShareHost.open(
      { serverUrl: 'wss://nats.practice.example', invitedBy: 'De Loop' },
      { openLink: () => server, onRunner: (runner) => joined.push(runner) },
    );
    const sam = manualStrap();
    const group = new RunGroup(
      [
        runnerRun(store, {
          runner: { id: 'sam', name: 'Sam' },
          group: { groupId: 'tuesday', size: 1, place: 0 },
          silentCues: true,
        }),
      ],
      { supervised: true },
    );
    cleanups.push(
      () => group.dispose(),
      () => host.close(),
    );
    await group.start(() => sam.strap);
    const cipher = await ShareCipher.fromRawKey(host.invitation.key);
    const beats: ((bpm: number) => void)[] = [];
    for (const runnerName of sharedNames) {
      const hub = new StrapEventHub(browserClock);
      const source: HeartRateSource = {
        id: runnerName,
        kind: 'bluetooth',
        connect: () => Promise.resolve(),
        disconnect: () => undefined,
        subscribe: (listener) => hub.subscribe(listener),
      };
      hub.setState({ kind: 'live' });
      const publisher = new SharePublisher(source, {
        link: server,
        cipher,
        groupId: host.invitation.groupId,
        runnerName,
        zone: { lowBpm: 110, highBpm: 128 },
      });
      cleanups.push(() => publisher.stop());
      beats.push((heartRateBpm) => {
        const bytes = encodeHeartRateMeasurement({ heartRateBpm, sensorContact: 'contact' });
        hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
    }
    await vi.waitFor(() => {
      expect(joined).toHaveLength(sharedNames.length);
    });
    const join = (shared: SharedRunner, profiles: readonly RunnerProfile[] = [anna]) =>
      host.joinGroupRun(group, shared, profiles, (runner, changes) =>
        runnerRun(store, {
          runner: { id: runner.id, name: runner.name },
          silentCues: true,
          zone: undefined,
          ...changes,
        }),
      );
    return { host, group, joined, join, beats };
  }

  it('records a shared runner into the history of the client of that name, in their own zone', async () => {
    const { group, joined, join, beats } = await setUp(['anna ']);
    const shared = joined[0] as SharedRunner;
    expect(await join(shared)).toBe(true);
    const run = group.runs[1];
    expect(run?.key).toBe('anna-profile');
    expect(run?.zone).toEqual({ lowBpm: 110, highBpm: 128, method: 'fixed' });
    expect(run?.recording.meta).toMatchObject({
      runnerId: 'anna-profile',
      group: { groupId: 'tuesday', size: 2, place: 1 },
    });
    beats[0]?.(121);
    await vi.waitFor(() => {
      expect(run?.recording.state.samples.at(-1)?.heartRateBpm).toBe(121);
    });
    expect(await join(shared)).toBe(false);
  });

  it('keeps a second runner of the same name apart, under the name they share', async () => {
    const { group, joined, join } = await setUp(['Anna', 'Anna']);
    expect(await join(joined[0] as SharedRunner)).toBe(true);
    expect(await join(joined[1] as SharedRunner)).toBe(true);
    expect(group.runs.map((run) => run.key)).toEqual([
      'sam',
      'anna-profile',
      `shared-${joined[1]?.shareId ?? ''}`,
    ]);
    expect(group.runs[2]?.runner).toEqual({ id: `shared-${joined[1]?.shareId ?? ''}`, name: 'Anna' });
  });
});
