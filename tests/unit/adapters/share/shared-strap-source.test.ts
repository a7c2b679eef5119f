import { describe, expect, it, vi } from 'vitest';
import { ShareCipher } from '../../../../src/adapters/share/share-cipher';
import {
  DELIVERY_INTERVAL_MS,
  ShareGroupReceiver,
} from '../../../../src/adapters/share/share-group-receiver';
import { SharePublisher } from '../../../../src/adapters/share/share-publisher';
import type { SharedStrapSource } from '../../../../src/adapters/share/shared-strap-source';
import { StrapEventHub } from '../../../../src/adapters/strap-event-hub';
import type { HeartRateSource } from '../../../../src/adapters/heart-rate-source';
import { encodeHeartRateMeasurement } from '../../../../src/core/ble/encode-heart-rate-measurement';
import { encodePacketFrame, encodePresenceFrame } from '../../../../src/core/share/share-frames';
import { MISSED_PRESENCE_LIMIT, PRESENCE_INTERVAL_MS } from '../../../../src/core/share/share-presence';
import type { ConnectionState, StrapEvent } from '../../../../src/core/strap/connection-state';
import type { StrapMeasurement } from '../../../../src/core/ble/strap-measurement';
import { FakeClock } from '../../support/fake-clock';
import { FakeShareLink } from '../../support/fake-share-link';

const groupId = 'g0123456789abcdef';
const runnerWallStartMs = 1_765_000_000_000;

function runnerStrap(clock: FakeClock) {
  const hub = new StrapEventHub(clock);
  const source: HeartRateSource = {
    id: 'runner-strap',
    kind: 'bluetooth',
    connect: () => Promise.resolve(),
    disconnect: () => undefined,
    subscribe: (listener) => hub.subscribe(listener),
  };
  hub.setState({ kind: 'live' });
  hub.setInfo({ name: 'Polar H10', batteryPercent: 55 });
  return { hub, source };
}

function notify(hub: StrapEventHub, bytes: Uint8Array): void {
  hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A runner's phone and a therapist's device on one fake server, each with its own clock. */
async function setUp(options: { therapistKey?: Uint8Array; deliveryIntervalMs?: number } = {}) {
  const link = new FakeShareLink();
  const key = new Uint8Array(32).fill(3);
  const runnerClock = new FakeClock({ wallClockStartMs: runnerWallStartMs });
  const therapistClock = new FakeClock({ startMs: 50_000, wallClockStartMs: runnerWallStartMs + 700 });
  const strap = runnerStrap(runnerClock);
  const runners: SharedStrapSource[] = [];
  const receiver = new ShareGroupReceiver({
    link,
    cipher: await ShareCipher.fromRawKey(options.therapistKey ?? key),
    groupId,
    clock: therapistClock,
    // Each frame handed on as it is opened, unless a test says otherwise: most follow one runner's frames one by one.
    deliveryIntervalMs: options.deliveryIntervalMs ?? 0,
    onRunner: (source) => runners.push(source),
  });
  receiver.start();
  const publisher = new SharePublisher(strap.source, {
    link,
    cipher: await ShareCipher.fromRawKey(key),
    groupId,
    runnerName: 'Anna',
    zone: { lowBpm: 120, highBpm: 135 },
    clock: runnerClock,
  });
  return { link, strap, runnerClock, therapistClock, receiver, publisher, runners };
}

function follow(source: HeartRateSource) {
  const events: StrapEvent[] = [];
  source.subscribe((event) => events.push(event));
  const states = () => events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
  const measurements = () =>
    events.flatMap((event): StrapMeasurement[] => (event.type === 'measurement' ? [event.measurement] : []));
  return { events, states, measurements };
}

describe('a shared strap on the therapist side', () => {
  it('appears with the runner’s first presence, named and with their zone', async () => {
    const { runners } = await setUp();
    await vi.waitFor(() => {
      expect(runners).toHaveLength(1);
    });
    const [source] = runners;
    expect(source?.kind).toBe('shared');
    expect(source?.runnerName).toBe('Anna');
    expect(source?.zone).toEqual({ lowBpm: 120, highBpm: 135 });
    expect(source?.id).toBe(`shared-${source?.runnerShareId ?? ''}`);
  });

  it('puts the runner’s packets through the same decoder: same heart rate, RR, contact and their receive time', async () => {
    const { runners, strap, runnerClock } = await setUp();
    await vi.waitFor(() => {
      expect(runners).toHaveLength(1);
    });
    const source = runners[0] as SharedStrapSource;
    const seen = follow(source);
    await source.connect();
    expect(seen.states().at(-1)).toEqual({ kind: 'live' });
    const bytes = encodeHeartRateMeasurement({
      heartRateBpm: 131,
      sensorContact: 'contact',
      rrIntervals1024: [470],
    });
    runnerClock.advance(250);
    notify(strap.hub, bytes);
    notify(strap.hub, Uint8Array.from([0x00])); // too short: malformed there and here alike
    await vi.waitFor(() => {
      expect(seen.events.filter((event) => event.type === 'packet')).toHaveLength(2);
    });
    expect(seen.measurements()).toEqual([
      {
        receivedAtMs: 50_000,
        wallClockMs: runnerWallStartMs + 250,
        heartRateBpm: 131,
        sensorContact: 'contact',
        rrIntervalsMs: [(470 * 1000) / 1024],
      },
    ]);
    expect(seen.events.find((event) => event.type === 'malformed')).toMatchObject({ hex: '00' });
    expect(seen.events.find((event) => event.type === 'info')).toEqual({
      type: 'info',
      info: { name: 'Anna', batteryPercent: 55 },
    });
  });

  it('follows the runner’s strap state, and turns not-sharing after three silent presence intervals', async () => {
    const { runners, strap, runnerClock, therapistClock, link } = await setUp();
    await vi.waitFor(() => {
      expect(runners).toHaveLength(1);
    });
    const source = runners[0] as SharedStrapSource;
    const seen = follow(source);
    void source.connect();
    strap.hub.setState({ kind: 'reconnecting', attempt: 2, nextAttemptAtMs: 0 });
    runnerClock.advance(PRESENCE_INTERVAL_MS);
    await vi.waitFor(() => {
      expect(seen.states().at(-1)?.kind).toBe('reconnecting');
    });
    // The runner's phone loses its network: nothing more arrives.
    link.setState('reconnecting');
    therapistClock.advance(MISSED_PRESENCE_LIMIT * PRESENCE_INTERVAL_MS - 1000);
    expect(seen.states().at(-1)?.kind).toBe('reconnecting');
    expect(source.lastHeardSecondsAgo()).toBe(14);
    therapistClock.advance(2000);
    expect(seen.states().at(-1)).toEqual({ kind: 'lost', reason: 'not-sharing', detail: 'silent' });
    expect(source.status()).toBe('not-sharing');
    // Back: the next presence makes it live again.
    link.setState('connected');
    strap.hub.setState({ kind: 'live' });
    runnerClock.advance(PRESENCE_INTERVAL_MS);
    await vi.waitFor(() => {
      expect(seen.states().at(-1)).toEqual({ kind: 'live' });
    });
  });

  it('is not sharing at once when the runner stops', async () => {
    const { runners, publisher } = await setUp();
    await vi.waitFor(() => {
      expect(runners).toHaveLength(1);
    });
    const source = runners[0] as SharedStrapSource;
    const seen = follow(source);
    await source.connect();
    await publisher.stop();
    await vi.waitFor(() => {
      expect(seen.states().at(-1)).toEqual({ kind: 'lost', reason: 'not-sharing', detail: 'stopped' });
    });
  });

  it('drops and counts what does not open under the group key, and shows no runner', async () => {
    const { runners, receiver, strap } = await setUp({ therapistKey: new Uint8Array(32).fill(4) });
    notify(strap.hub, encodeHeartRateMeasurement({ heartRateBpm: 131, sensorContact: 'contact' }));
    await vi.waitFor(() => {
      expect(receiver.counts.undecryptable).toBe(2);
    });
    expect(runners).toHaveLength(0);
  });

  it('refuses frames on the wrong subject or that are no frame of ours, without counting them as undecryptable', async () => {
    const { link, receiver } = await setUp();
    const cipher = await ShareCipher.fromRawKey(new Uint8Array(32).fill(3));
    await vi.waitFor(() => {
      expect(receiver.sources).toHaveLength(1);
    });
    const packet = encodePacketFrame({
      sequence: 0,
      receivedAtWallMs: 1,
      measurementBytes: Uint8Array.from([0, 60]),
    });
    const presence = encodePresenceFrame({
      sentAtWallMs: 1,
      runnerName: 'Eve',
      strapState: 'live',
      sharing: true,
    });
    link.deliver(`calmrun.share.${groupId}.abcdef0123456789.presence`, await cipher.seal(packet));
    link.deliver(`calmrun.share.${groupId}.abcdef0123456789.hr`, await cipher.seal(presence));
    link.deliver(
      `calmrun.share.${groupId}.abcdef0123456789.presence`,
      await cipher.seal(Uint8Array.from([9, 9])),
    );
    link.deliver(`calmrun.share.${groupId}.NOT-AN-ID.presence`, await cipher.seal(presence));
    await vi.waitFor(() => {
      expect(receiver.counts).toEqual({ undecryptable: 0, refused: 4 });
    });
    expect(receiver.sources).toHaveLength(1);
  });

  it('lets go of every runner and the subscription on stop', async () => {
    const { runners, receiver, link } = await setUp();
    await vi.waitFor(() => {
      expect(runners).toHaveLength(1);
    });
    const source = runners[0] as SharedStrapSource;
    const states: ConnectionState[] = [];
    source.subscribe((event) => {
      if (event.type === 'state') states.push(event.state);
    });
    await source.connect();
    receiver.stop();
    expect(link.subscriptionCount).toBe(0);
    expect(states.at(-1)).toEqual({ kind: 'idle' });
  });

  it('hands frames on together, each with the time it came, at most the delivery interval after it came', async () => {
    const { runners, strap, runnerClock, therapistClock, receiver } = await setUp({
      deliveryIntervalMs: DELIVERY_INTERVAL_MS,
    });
    // The first presence, opened, is held until the interval is up.
    await vi.waitFor(() => {
      expect(receiver.heldCount).toBe(1);
    });
    expect(runners).toHaveLength(0);
    therapistClock.advance(DELIVERY_INTERVAL_MS);
    expect(runners).toHaveLength(1);
    const source = runners[0] as SharedStrapSource;
    const seen = follow(source);
    await source.connect();
    runnerClock.advance(250);
    notify(strap.hub, encodeHeartRateMeasurement({ heartRateBpm: 131, sensorContact: 'contact' }));
    runnerClock.advance(250);
    notify(strap.hub, encodeHeartRateMeasurement({ heartRateBpm: 132, sensorContact: 'contact' }));
    await vi.waitFor(() => {
      expect(receiver.heldCount).toBe(2);
    });
    const arrivedAtMs = therapistClock.monotonicMs();
    therapistClock.advance(DELIVERY_INTERVAL_MS - 1);
    expect(seen.measurements()).toEqual([]);
    therapistClock.advance(1);
    expect(seen.measurements().map(({ heartRateBpm, receivedAtMs }) => [heartRateBpm, receivedAtMs])).toEqual(
      [
        [131, arrivedAtMs],
        [132, arrivedAtMs],
      ],
    );
  });
});
