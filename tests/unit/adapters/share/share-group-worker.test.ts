import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShareCipher } from '../../../../src/adapters/share/share-cipher';
import type {
  ShareGroupReport,
  ShareGroupRequest,
} from '../../../../src/adapters/share/share-group-messages';
import { ShareGroupReceiver } from '../../../../src/adapters/share/share-group-receiver';
import { serveShareGroup } from '../../../../src/adapters/share/share-group-service';
import {
  ShareGroupWorker,
  type ShareGroupWorkerLike,
} from '../../../../src/adapters/share/share-group-worker-client';
import type { ShareLinkState } from '../../../../src/adapters/share/share-link';
import { SharePublisher } from '../../../../src/adapters/share/share-publisher';
import type { SharedStrapSource } from '../../../../src/adapters/share/shared-strap-source';
import { StrapEventHub } from '../../../../src/adapters/strap-event-hub';
import { browserClock, type HeartRateSource } from '../../../../src/adapters/heart-rate-source';
import { encodeHeartRateMeasurement } from '../../../../src/core/ble/encode-heart-rate-measurement';
import type { StrapMeasurement } from '../../../../src/core/ble/strap-measurement';
import { FakeShareLink } from '../../support/fake-share-link';

const groupId = 'g0123456789abcdef';
const key = new Uint8Array(32).fill(7);

/**
 * The page and the share group's worker joined by an in-memory channel: what one side posts reaches the other's
 * listeners on a later task, as across a real worker. The worker's side runs the app's service on a fake server.
 */
function workerPair(link: FakeShareLink) {
  const pageListeners: {
    message: ((event: MessageEvent<ShareGroupReport>) => void)[];
    error: (() => void)[];
  } = { message: [], error: [] };
  const workerListeners: ((event: MessageEvent<ShareGroupRequest>) => void)[] = [];
  const requests: ShareGroupRequest[] = [];
  const opened: { serverUrl: string; user?: string; password?: string; name?: string }[] = [];
  let terminated = false;
  const later = (task: () => void) => setTimeout(task, 0);
  serveShareGroup(
    {
      postMessage: (report) => {
        later(() => {
          if (terminated) return;
          for (const listener of pageListeners.message)
            listener({ data: report } as MessageEvent<ShareGroupReport>);
        });
      },
      addEventListener: (_type, listener) => workerListeners.push(listener),
    },
    (options) => {
      opened.push(options);
      return link;
    },
  );
  const worker: ShareGroupWorkerLike = {
    postMessage: (request) => {
      requests.push(request);
      later(() => {
        for (const listener of workerListeners)
          listener({ data: request } as MessageEvent<ShareGroupRequest>);
      });
    },
    addEventListener: (type: 'message' | 'error', listener: never) => {
      pageListeners[type].push(listener);
    },
    terminate: () => {
      terminated = true;
    },
  };
  return {
    worker,
    requests,
    opened,
    isTerminated: () => terminated,
    fail: () => {
      for (const listener of pageListeners.error) listener();
    },
  };
}

function runnerStrap() {
  const hub = new StrapEventHub(browserClock);
  const source: HeartRateSource = {
    id: 'runner-strap',
    kind: 'bluetooth',
    connect: () => Promise.resolve(),
    disconnect: () => undefined,
    subscribe: (listener) => hub.subscribe(listener),
  };
  hub.setState({ kind: 'live' });
  return { hub, source };
}

function beat(hub: StrapEventHub, heartRateBpm: number): void {
  const bytes = encodeHeartRateMeasurement({
    heartRateBpm,
    sensorContact: 'contact',
    rrIntervals1024: [480],
  });
  hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

async function setUp(options: { therapistKey?: Uint8Array } = {}) {
  const link = new FakeShareLink();
  const pair = workerPair(link);
  const worker = new ShareGroupWorker({
    serverUrl: 'wss://share.example.org',
    user: 'therapist',
    password: 'secret',
    name: 'calm-run-therapist',
    groupId,
    keyBytes: options.therapistKey ?? key,
    startWorker: () => pair.worker,
  });
  const runners: SharedStrapSource[] = [];
  const counts: number[] = [];
  const receiver = new ShareGroupReceiver({
    feed: worker,
    onRunner: (source) => runners.push(source),
    onCounts: (dropped) => counts.push(dropped.undecryptable),
  });
  receiver.start();
  const states: ShareLinkState[] = [];
  worker.onState((state) => states.push(state));
  // The runner starts sharing once the worker listens: a presence sent before that is gone (live means live), and
  // the next comes only 5 s later.
  await vi.waitFor(() => {
    expect(link.subscriptionCount).toBe(1);
  });
  const strap = runnerStrap();
  const publisher = new SharePublisher(strap.source, {
    link,
    cipher: await ShareCipher.fromRawKey(key),
    groupId,
    runnerName: 'Bram',
    zone: { lowBpm: 118, highBpm: 134 },
  });
  return { link, pair, worker, receiver, runners, counts, strap, publisher, states };
}

describe('a share group followed from a worker', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('opens the link in the worker with the therapist’s login, never the key', async () => {
    const { pair, worker, publisher } = await setUp();
    stops.push(
      () => publisher.stop(),
      () => worker.close(),
    );
    await vi.waitFor(() => {
      expect(pair.opened).toEqual([
        {
          serverUrl: 'wss://share.example.org',
          user: 'therapist',
          password: 'secret',
          name: 'calm-run-therapist',
        },
      ]);
    });
    expect(pair.requests[0]).toMatchObject({ type: 'open', groupId, keyBytes: key });
  });

  it('hands the runner’s frames to the page in batches, in order, each with the time it came on the page’s clock', async () => {
    const { worker, runners, strap, publisher } = await setUp();
    stops.push(
      () => publisher.stop(),
      () => worker.close(),
    );
    await vi.waitFor(() => {
      expect(runners).toHaveLength(1);
    });
    const source = runners[0] as SharedStrapSource;
    expect(source.runnerName).toBe('Bram');
    expect(source.zone).toEqual({ lowBpm: 118, highBpm: 134 });
    const measurements: StrapMeasurement[] = [];
    source.subscribe((event) => {
      if (event.type === 'measurement') measurements.push(event.measurement);
    });
    await source.connect();
    const sentAtMs = performance.now();
    for (const bpm of [121, 122, 125, 124]) beat(strap.hub, bpm);
    await vi.waitFor(() => {
      expect(measurements.map((measurement) => measurement.heartRateBpm)).toEqual([121, 122, 125, 124]);
    });
    for (const measurement of measurements) {
      expect(measurement.receivedAtMs).toBeGreaterThanOrEqual(sentAtMs - 1);
      expect(measurement.receivedAtMs).toBeLessThanOrEqual(performance.now());
    }
  });

  it('follows the link’s state from the worker, and counts messages it cannot read', async () => {
    const { link, worker, runners, counts, strap, publisher, states } = await setUp({
      therapistKey: new Uint8Array(32),
    });
    stops.push(
      () => publisher.stop(),
      () => worker.close(),
    );
    await vi.waitFor(() => {
      expect(worker.state).toBe('connected');
    });
    beat(strap.hub, 130);
    await vi.waitFor(() => {
      expect(counts.at(-1)).toBeGreaterThanOrEqual(1);
    });
    expect(runners).toEqual([]);
    link.setState('reconnecting');
    await vi.waitFor(() => {
      expect(worker.state).toBe('reconnecting');
    });
    expect(states).toEqual(['connecting', 'connected', 'reconnecting']);
  });

  it('closing lets the server go in the worker, then stops the worker', async () => {
    const { link, pair, worker, publisher } = await setUp();
    await publisher.stop();
    await vi.waitFor(() => {
      expect(worker.state).toBe('connected');
    });
    await worker.close();
    expect(link.state).toBe('closed');
    expect(pair.isTerminated()).toBe(true);
    expect(worker.state).toBe('closed');
    expect(link.subscriptionCount).toBe(0);
  });

  it('a worker that fails says the link is closed rather than connecting for ever', async () => {
    const { pair, worker, publisher } = await setUp();
    stops.push(() => publisher.stop());
    pair.fail();
    expect(worker.state).toBe('closed');
    await worker.close();
    expect(pair.isTerminated()).toBe(true);
  });
});
