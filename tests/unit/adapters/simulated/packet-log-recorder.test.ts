import { describe, expect, it } from 'vitest';
import type { HeartRateSource } from '../../../../src/adapters/heart-rate-source';
import { PacketLogRecorder } from '../../../../src/adapters/simulated/packet-log-recorder';
import { ReplaySource } from '../../../../src/adapters/simulated/replay-source';
import { SimulatedStrap, simulatedConnectDelayMs } from '../../../../src/adapters/simulated/simulated-strap';
import { maxPacketLogEntries, parsePacketLog } from '../../../../src/core/ble/packet-log';
import type { StrapEvent } from '../../../../src/core/strap/connection-state';
import { FakeClock } from '../../support/fake-clock';

const packetsIn = (events: readonly StrapEvent[]) =>
  events.flatMap((event) => (event.type === 'packet' ? [event] : []));

/** A source whose packets the test sends by hand. */
class ManualSource implements HeartRateSource {
  readonly id = 'manual';
  readonly kind = 'replay' as const;
  readonly #listeners = new Set<(event: StrapEvent) => void>();
  connect(): Promise<void> {
    return Promise.resolve();
  }
  disconnect(): void {
    // Nothing to release.
  }
  subscribe(listener: (event: StrapEvent) => void): () => void {
    this.#listeners.add(listener);
    listener({ type: 'state', state: { kind: 'live' } });
    return () => this.#listeners.delete(listener);
  }
  /** Like the hub, every listener gets the same event object. */
  send(bytes: readonly number[], receivedAtMs: number): void {
    const event: StrapEvent = { type: 'packet', bytes: Uint8Array.from(bytes), receivedAtMs };
    for (const listener of this.#listeners) listener(event);
  }
}

describe('PacketLogRecorder', () => {
  it('round-trips: a recorded simulated strap replays with the same bytes at the same pace', async () => {
    const recordClock = new FakeClock({ startMs: 5_000 });
    const strap = new SimulatedStrap(
      { seed: 21, speed: 20, ectopicEveryBeats: 15, contactLoss: [{ atMs: 30_000, durationMs: 4_000 }] },
      recordClock,
    );
    const recorded: StrapEvent[] = [];
    strap.subscribe((event) => recorded.push(event));
    const recorder = new PacketLogRecorder(strap);
    void strap.connect();
    recordClock.advance(simulatedConnectDelayMs + 120_000 / 20);
    recorder.stop();
    strap.disconnect();

    const originals = packetsIn(recorded);
    expect(originals).toHaveLength(120);
    const text = recorder.toText();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(121);
    expect(recorder.truncated).toBe(false);

    const parsed = parsePacketLog(text);
    expect(parsed.ok && parsed.entries.map((entry) => entry.tMs)).toEqual(
      originals.map((_, index) => index * 50),
    );

    const replayClock = new FakeClock();
    const replay = new ReplaySource(text, { speed: 1 }, replayClock);
    const replayed: StrapEvent[] = [];
    replay.subscribe((event) => replayed.push(event));
    await replay.connect();
    replayClock.advance(10_000);
    const copies = packetsIn(replayed);
    expect(copies.map((packet) => packet.bytes)).toEqual(originals.map((packet) => packet.bytes));
    expect(copies.map((packet) => packet.receivedAtMs)).toEqual(
      originals.map((packet) => packet.receivedAtMs - (originals[0]?.receivedAtMs ?? 0)),
    );
    expect(replayed.at(-1)).toEqual({ type: 'state', state: { kind: 'lost', reason: 'replay-ended' } });
  });

  it('records nothing after stop, and nothing but packets', () => {
    const source = new ManualSource();
    const recorder = new PacketLogRecorder(source);
    source.send([0x06, 0x48], 100);
    source.send([0x06, 0x49], 1100.4);
    recorder.stop();
    source.send([0x06, 0x4a], 2100);
    expect(recorder.toText()).toBe('{"t":0,"hex":"06 48"}\n{"t":1000,"hex":"06 49"}\n');
    expect(new PacketLogRecorder(new ManualSource()).toText()).toBe('');
  });

  it('keeps its own copy of the bytes', () => {
    const source = new ManualSource();
    const recorder = new PacketLogRecorder(source);
    const listenerThatMutates = (event: StrapEvent) => {
      if (event.type === 'packet') event.bytes.fill(0xff);
    };
    source.subscribe(listenerThatMutates);
    source.send([0x06, 0x48], 0);
    expect(recorder.toText()).toBe('{"t":0,"hex":"06 48"}\n');
  });

  it('past its cap drops the oldest packets, says so, and times the rest from the first one kept', () => {
    const source = new ManualSource();
    const recorder = new PacketLogRecorder(source, { maxEntries: 5 });
    for (let index = 0; index < 8; index++) source.send([0x06, 60 + index], index * 1000);
    expect(recorder.entryCount).toBe(5);
    expect(recorder.truncated).toBe(true);
    expect(recorder.droppedCount).toBe(3);
    const parsed = parsePacketLog(recorder.toText());
    expect(parsed.ok && parsed.entries.map((entry) => [entry.tMs, entry.bytes[1]])).toEqual([
      [0, 63],
      [1000, 64],
      [2000, 65],
      [3000, 66],
      [4000, 67],
    ]);
  });

  it('caps at the packet-log limit by default', () => {
    const source = new ManualSource();
    const recorder = new PacketLogRecorder(source);
    for (let index = 0; index <= maxPacketLogEntries; index++) source.send([0x06, index % 256], index);
    expect(recorder.entryCount).toBe(maxPacketLogEntries);
    expect(recorder.droppedCount).toBe(1);
    const parsed = parsePacketLog(recorder.toText());
    expect(parsed.ok && parsed.entries.length).toBe(maxPacketLogEntries);
    expect(parsed.ok && parsed.entries[0]?.bytes[1]).toBe(1);
  });
});
