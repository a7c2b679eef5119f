import { describe, expect, it } from 'vitest';
import { ShareGroupOpener } from '../../../../src/adapters/share/share-group-opener';
import type { OpenedShareFrame } from '../../../../src/adapters/share/share-group-feed';
import { shareSubject } from '../../../../src/adapters/share/share-subjects';
import { encodeHeartRateMeasurement } from '../../../../src/core/ble/encode-heart-rate-measurement';
import { encodePacketFrame } from '../../../../src/core/share/share-frames';
import { FakeClock } from '../../support/fake-clock';
import { FakeShareLink } from '../../support/fake-share-link';

const groupId = 'g0123456789abcdef';
const runnerShareId = 'r0123456789abcdef';

/** A "cipher" whose openings finish when the test says, in any order: the plaintext is the message itself. */
function manualCipher() {
  const pending: { payload: Uint8Array; finish: (opened: Uint8Array | undefined) => void }[] = [];
  return {
    pending,
    open: (payload: Uint8Array) =>
      new Promise<Uint8Array | undefined>((resolve) => {
        pending.push({ payload, finish: resolve });
      }),
  };
}

function packet(heartRateBpm: number, sequence: number): Uint8Array {
  return encodePacketFrame({
    sequence,
    measurementBytes: encodeHeartRateMeasurement({
      heartRateBpm,
      sensorContact: 'contact',
      rrIntervals1024: [],
    }),
    receivedAtWallMs: 1_765_000_000_000 + heartRateBpm,
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ShareGroupOpener', () => {
  it('hands a runner’s frames on in the order they came, even when their decryptions finish the other way round', async () => {
    const link = new FakeShareLink();
    const cipher = manualCipher();
    const clock = new FakeClock({ startMs: 1000 });
    const opener = new ShareGroupOpener({ link, cipher, groupId, clock, deliveryIntervalMs: 0 });
    const handed: OpenedShareFrame[] = [];
    const dropped: number[] = [];
    opener.start(
      (frames) => handed.push(...frames),
      (counts) => dropped.push(counts.undecryptable),
    );
    const subject = shareSubject(groupId, runnerShareId, 'hr');
    link.deliver(subject, packet(121, 0));
    clock.advance(10);
    link.deliver(subject, packet(122, 1));
    clock.advance(10);
    link.deliver(subject, packet(123, 2));
    expect(cipher.pending).toHaveLength(3);
    cipher.pending[2]?.finish(cipher.pending[2].payload);
    cipher.pending[1]?.finish(undefined);
    await settle();
    expect(handed).toEqual([]);
    cipher.pending[0]?.finish(cipher.pending[0].payload);
    await settle();
    expect(
      handed.map(({ frame, receivedAtMs }) => [
        frame.kind === 'packet' ? [frame.sequence, frame.receivedAtWallMs - 1_765_000_000_000] : [],
        receivedAtMs,
      ]),
    ).toEqual([
      [[0, 121], 1000],
      [[2, 123], 1020],
    ]);
    expect(dropped).toEqual([1]);
    expect(handed.every(({ runnerShareId: id }) => id === runnerShareId)).toBe(true);
  });

  it('hands nothing on after it stops, not even what was being opened', async () => {
    const link = new FakeShareLink();
    const cipher = manualCipher();
    const opener = new ShareGroupOpener({ link, cipher, groupId, deliveryIntervalMs: 0 });
    const handed: OpenedShareFrame[] = [];
    opener.start(
      (frames) => handed.push(...frames),
      () => undefined,
    );
    link.deliver(shareSubject(groupId, runnerShareId, 'hr'), packet(130, 0));
    opener.stop();
    cipher.pending[0]?.finish(cipher.pending[0].payload);
    await settle();
    expect(handed).toEqual([]);
    expect(link.subscriptionCount).toBe(0);
  });
});
