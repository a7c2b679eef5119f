import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src/adapters/heart-rate-source';
import { ReplaySource } from '../../../../src/adapters/simulated/replay-source';
import { hexToBytes } from '../../../../src/core/ble/hex';
import type { ConnectionState, StrapEvent } from '../../../../src/core/strap/connection-state';
import { FakeClock } from '../../support/fake-clock';

const startMs = 1_000;

function replayed(logText: string, speed: number, clock: Clock = new FakeClock({ startMs })) {
  const source = new ReplaySource(logText, { speed }, clock);
  const events: StrapEvent[] = [];
  source.subscribe((event) => events.push(event));
  return { source, events };
}

const packetsIn = (events: readonly StrapEvent[]) =>
  events.flatMap((event) => (event.type === 'packet' ? [event] : []));
const statesIn = (events: readonly StrapEvent[]): ConnectionState[] =>
  events.flatMap((event) => (event.type === 'state' ? [event.state] : []));

const log = [
  { t: 0, hex: '06 48' },
  { t: 250, hex: '16 4a 00 04' },
  { t: 1000, hex: '16 4b 00 04 10 04' },
  { t: 1000, hex: '10 48 00' },
  { t: 3000, hex: '04 00' },
];
const logText = log.map((entry) => JSON.stringify(entry)).join('\n') + '\n';

describe('ReplaySource', () => {
  it('delivers every packet with its bytes, in order, at its time divided by speed, then ends', async () => {
    const clock = new FakeClock({ startMs });
    const { source, events } = replayed(logText, 4, clock);
    expect(source.kind).toBe('replay');
    await source.connect();
    expect(statesIn(events).at(-1)).toEqual({ kind: 'live' });

    clock.advance(749);
    expect(packetsIn(events)).toHaveLength(4);
    expect(statesIn(events).at(-1)).toEqual({ kind: 'live' });
    clock.advance(1);

    const packets = packetsIn(events);
    expect(packets.map((packet) => packet.receivedAtMs - startMs)).toEqual(log.map((entry) => entry.t / 4));
    expect(packets.map((packet) => packet.bytes)).toEqual(log.map((entry) => hexToBytes(entry.hex)));
    expect(statesIn(events).at(-1)).toEqual({ kind: 'lost', reason: 'replay-ended' });
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('puts each packet through the decoder, malformed ones included', async () => {
    const clock = new FakeClock({ startMs });
    const { source, events } = replayed(logText, 16, clock);
    await source.connect();
    clock.advance(1000);
    const heartRates = events.flatMap((event) =>
      event.type === 'measurement' ? [event.measurement.heartRateBpm] : [],
    );
    expect(heartRates).toEqual([72, 74, 75, null]);
    const malformed = events.filter((event) => event.type === 'malformed');
    expect(malformed).toHaveLength(1);
    expect(malformed[0]?.type === 'malformed' && malformed[0].hex).toBe('10 48 00');
  });

  it('keeps its timing free of drift when timers fire late', async () => {
    const fakeClock = new FakeClock({ startMs });
    const lateByMs = 7;
    const lateClock: Clock = {
      monotonicMs: () => fakeClock.monotonicMs(),
      wallClockMs: () => fakeClock.wallClockMs(),
      setTimeout: (callback, delayMs) => fakeClock.setTimeout(callback, delayMs + lateByMs),
    };
    const entries = Array.from({ length: 30 }, (_, index) => ({ t: index * 1000, hex: '06 50' }));
    const { source, events } = replayed(
      entries.map((entry) => JSON.stringify(entry)).join('\n'),
      1,
      lateClock,
    );
    await source.connect();
    fakeClock.advance(40_000);
    const receivedMs = packetsIn(events).map((packet) => packet.receivedAtMs - startMs);
    expect(receivedMs).toEqual(entries.map((entry) => entry.t + lateByMs));
  });

  it('a bad log ends in lost, naming the line and the reason, without throwing', async () => {
    const clock = new FakeClock({ startMs });
    const bad = ['{"t":0,"hex":"06 48"}', '', '{"t":100,"hex":"not hex"}', '{"t":200,"hex":"06 48"}'].join(
      '\n',
    );
    const { source, events } = replayed(bad, 1, clock);
    await expect(source.connect()).resolves.toBeUndefined();
    const state = statesIn(events).at(-1);
    expect(state?.kind === 'lost' && state.reason).toBe('packet-log-invalid');
    expect(state?.kind === 'lost' && state.detail).toMatch(/line 3\b.*hex/u);
    clock.advance(10_000);
    expect(packetsIn(events)).toEqual([]);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('an empty log is a failed connection, not a replay of nothing', async () => {
    const { source, events } = replayed('\n\n', 1);
    await source.connect();
    const state = statesIn(events).at(-1);
    expect(state?.kind === 'lost' && state.reason).toBe('packet-log-invalid');
  });

  it('disconnect stops the replay: idle, no events after, no pending timers', async () => {
    const clock = new FakeClock({ startMs });
    const { source, events } = replayed(logText, 1, clock);
    await source.connect();
    clock.advance(500);
    expect(packetsIn(events)).toHaveLength(2);
    source.disconnect();
    expect(statesIn(events).at(-1)).toEqual({ kind: 'idle' });
    expect(clock.pendingTimerCount).toBe(0);
    const countAtDisconnect = events.length;
    clock.advance(10_000);
    expect(events).toHaveLength(countAtDisconnect);
  });

  it('can be replayed again after it ended', async () => {
    const clock = new FakeClock({ startMs });
    const { source, events } = replayed(logText, 8, clock);
    await source.connect();
    clock.advance(1000);
    await source.connect();
    clock.advance(1000);
    expect(packetsIn(events)).toHaveLength(2 * log.length);
    expect(statesIn(events).filter((state) => state.kind === 'lost')).toHaveLength(2);
  });

  it('has an id that is stable for the same log', () => {
    expect(new ReplaySource(logText).id).toBe(new ReplaySource(logText, { speed: 2 }).id);
    expect(new ReplaySource(logText).id).not.toBe(new ReplaySource(logText + '{"t":4000,"hex":"06 48"}').id);
    expect(() => new ReplaySource(logText, { speed: -1 })).toThrow(RangeError);
  });
});
