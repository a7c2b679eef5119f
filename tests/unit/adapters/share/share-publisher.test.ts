import { describe, expect, it, vi } from 'vitest';
import { ShareCipher } from '../../../../src/adapters/share/share-cipher';
import { SharePublisher } from '../../../../src/adapters/share/share-publisher';
import { StrapEventHub } from '../../../../src/adapters/strap-event-hub';
import type { HeartRateSource } from '../../../../src/adapters/heart-rate-source';
import { encodeHeartRateMeasurement } from '../../../../src/core/ble/encode-heart-rate-measurement';
import { decodeShareFrame, type ShareFrame } from '../../../../src/core/share/share-frames';
import { PRESENCE_INTERVAL_MS } from '../../../../src/core/share/share-presence';
import { FakeClock } from '../../support/fake-clock';
import { FakeShareLink } from '../../support/fake-share-link';

const groupId = 'g0123456789abcdef';

/** A strap whose notifications the test sends, through the same hub and decoder as every strap. */
function hubStrap(clock: FakeClock) {
  const hub = new StrapEventHub(clock);
  const source: HeartRateSource = {
    id: 'test-strap',
    kind: 'simulated',
    connect: () => Promise.resolve(),
    disconnect: () => undefined,
    subscribe: (listener) => hub.subscribe(listener),
  };
  const notify = (heartRateBpm: number) => {
    const bytes = encodeHeartRateMeasurement({
      heartRateBpm,
      sensorContact: 'contact',
      rrIntervals1024: [800],
    });
    hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };
  return { hub, source, notify };
}

async function setUp(link = new FakeShareLink()) {
  const clock = new FakeClock({ wallClockStartMs: 1_765_000_000_000 });
  const cipher = await ShareCipher.fromRawKey(new Uint8Array(32).fill(9));
  const strap = hubStrap(clock);
  strap.hub.setState({ kind: 'live' });
  strap.hub.setInfo({ name: 'Polar H10', batteryPercent: 70 });
  const publisher = new SharePublisher(strap.source, {
    link,
    cipher,
    groupId,
    runnerName: 'Anna',
    zone: { lowBpm: 120, highBpm: 135 },
    phase: () => 'calm-run',
    clock,
  });
  const frames = async (): Promise<{ subject: string; frame: ShareFrame }[]> =>
    Promise.all(
      link.published.map(async ({ subject, payload }) => {
        const plaintext = await cipher.open(payload);
        if (!plaintext) throw new Error('does not open');
        const decoded = decodeShareFrame(plaintext);
        if (!decoded.ok) throw new Error(decoded.reason);
        return { subject, frame: decoded.frame };
      }),
    );
  return { clock, cipher, strap, publisher, link, frames };
}

describe('SharePublisher', () => {
  it('announces the runner at once, sealed, on its own random subject', async () => {
    const { publisher, frames, link } = await setUp();
    expect(publisher.runnerShareId).toMatch(/^[0-9a-f]{16}$/);
    await vi.waitFor(() => {
      expect(link.published).toHaveLength(1);
    });
    const [first] = await frames();
    expect(first?.subject).toBe(`calmrun.share.${groupId}.${publisher.runnerShareId}.presence`);
    expect(first?.frame).toEqual({
      kind: 'presence',
      sentAtWallMs: 1_765_000_000_000,
      runnerName: 'Anna',
      zone: { lowBpm: 120, highBpm: 135 },
      batteryPercent: 70,
      strapState: 'live',
      phase: 'calm-run',
      sharing: true,
    });
    expect(Buffer.from(link.published[0]?.payload ?? []).includes('Anna')).toBe(false);
  });

  it('publishes every packet with its raw bytes, receive time and a rising sequence number', async () => {
    const { strap, clock, link, frames, publisher } = await setUp();
    strap.notify(130);
    clock.advance(1000);
    strap.notify(131);
    await vi.waitFor(() => {
      expect(link.published).toHaveLength(3);
    });
    const packets = (await frames()).filter(({ frame }) => frame.kind === 'packet');
    expect(packets.map(({ subject }) => subject)).toEqual([
      `calmrun.share.${groupId}.${publisher.runnerShareId}.hr`,
      `calmrun.share.${groupId}.${publisher.runnerShareId}.hr`,
    ]);
    expect(packets.map(({ frame }) => frame)).toEqual([
      {
        kind: 'packet',
        sequence: 0,
        receivedAtWallMs: 1_765_000_000_000,
        measurementBytes: encodeHeartRateMeasurement({
          heartRateBpm: 130,
          sensorContact: 'contact',
          rrIntervals1024: [800],
        }),
      },
      expect.objectContaining({ sequence: 1, receivedAtWallMs: 1_765_000_001_000 }),
    ]);
  });

  it('sends a presence every 5 s with what the strap last said', async () => {
    const { strap, clock, link, frames } = await setUp();
    strap.notify(130);
    strap.hub.setState({ kind: 'reconnecting', attempt: 1, nextAttemptAtMs: 1000 });
    strap.hub.updateInfo({ batteryPercent: 65 });
    clock.advance(PRESENCE_INTERVAL_MS * 2);
    await vi.waitFor(() => {
      expect(link.published).toHaveLength(4);
    });
    const presences = (await frames()).flatMap(({ frame }) => (frame.kind === 'presence' ? [frame] : []));
    expect(presences).toHaveLength(3);
    expect(presences[2]).toMatchObject({
      sentAtWallMs: 1_765_000_000_000 + 2 * PRESENCE_INTERVAL_MS,
      strapState: 'reconnecting',
      batteryPercent: 65,
      sensorContact: 'contact',
    });
  });

  it('drops what it cannot send now, never queues it, and never throws into the strap', async () => {
    const link = new FakeShareLink('reconnecting');
    const { strap, publisher, clock } = await setUp(link);
    const measured: number[] = [];
    strap.hub.subscribe((event) => {
      if (event.type === 'measurement' && event.measurement.heartRateBpm)
        measured.push(event.measurement.heartRateBpm);
    });
    strap.notify(128);
    clock.advance(PRESENCE_INTERVAL_MS);
    await vi.waitFor(() => {
      expect(publisher.droppedCount).toBe(3);
    });
    link.setState('connected');
    strap.notify(129);
    await vi.waitFor(() => {
      expect(publisher.sentCount).toBe(1);
    });
    expect(link.published).toHaveLength(1);
    expect(measured).toEqual([128, 129]);

    const throwing = new FakeShareLink();
    throwing.publish = () => {
      throw new Error('socket gone');
    };
    const second = await setUp(throwing);
    expect(() => {
      second.strap.notify(140);
    }).not.toThrow();
    await vi.waitFor(() => {
      expect(second.publisher.droppedCount).toBe(2);
    });
  });

  it('ends with a last presence saying it stopped, then sends nothing', async () => {
    const { strap, clock, link, frames, publisher } = await setUp();
    await publisher.stop();
    const countAtStop = link.published.length;
    strap.notify(130);
    clock.advance(PRESENCE_INTERVAL_MS * 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(link.published).toHaveLength(countAtStop);
    const last = (await frames()).at(-1);
    expect(last?.frame).toMatchObject({ kind: 'presence', sharing: false });
    expect(clock.pendingTimerCount).toBe(0);
  });
});
