import { describe, expect, it } from 'vitest';
import { calmRun, resting, targetBpmAt } from '../../../../src/adapters/simulated/heart-rate-profile';
import { SimulatedBeats } from '../../../../src/adapters/simulated/simulated-beats';
import {
  SimulatedStrap,
  simulatedConnectDelayMs,
  type SimulatedStrapOptions,
} from '../../../../src/adapters/simulated/simulated-strap';
import { encodeHeartRateMeasurement } from '../../../../src/core/ble/encode-heart-rate-measurement';
import type { StrapMeasurement } from '../../../../src/core/ble/strap-measurement';
import {
  reconnectDelayMs,
  type ConnectionState,
  type StrapEvent,
} from '../../../../src/core/strap/connection-state';
import { FakeClock } from '../../support/fake-clock';

function started(options: SimulatedStrapOptions) {
  const clock = new FakeClock();
  const strap = new SimulatedStrap(options, clock);
  const events: StrapEvent[] = [];
  strap.subscribe((event) => events.push(event));
  const connected = strap.connect();
  return { clock, strap, events, connected };
}

const packetsIn = (events: readonly StrapEvent[]) =>
  events.flatMap((event) => (event.type === 'packet' ? [event] : []));
const measurementsIn = (events: readonly StrapEvent[]): StrapMeasurement[] =>
  events.flatMap((event) => (event.type === 'measurement' ? [event.measurement] : []));
const statesIn = (events: readonly StrapEvent[]): ConnectionState[] =>
  events.flatMap((event) => (event.type === 'state' ? [event.state] : []));

describe('SimulatedStrap', () => {
  it('connects like a strap: connecting, then live with its info after a short delay', async () => {
    const { clock, strap, events, connected } = started({ seed: 7 });
    expect(strap.kind).toBe('simulated');
    expect(strap.id).toBe('simulated-7');
    expect(statesIn(events).map((state) => state.kind)).toEqual(['idle', 'connecting']);

    clock.advance(simulatedConnectDelayMs - 1);
    expect(statesIn(events).at(-1)?.kind).toBe('connecting');
    clock.advance(1);
    await expect(connected).resolves.toBeUndefined();
    expect(statesIn(events).map((state) => state.kind)).toEqual(['idle', 'connecting', 'live']);
    const info = events.find((event) => event.type === 'info');
    expect(info?.type === 'info' && info.info).toMatchObject({
      name: 'Calm Run simulated strap',
      bodySensorLocation: 'chest',
      batteryPercent: 87,
      manufacturer: expect.any(String) as unknown,
      model: expect.any(String) as unknown,
      firmware: expect.any(String) as unknown,
    });
    strap.disconnect();
  });

  it("sends the generator's packets as raw bytes through the decoder, at its pace divided by speed", () => {
    const options = { seed: 12, profile: calmRun, speed: 20 };
    const { clock, strap, events } = started(options);
    clock.advance(simulatedConnectDelayMs + (10 * 60_000) / 20);

    const packets = packetsIn(events);
    expect(packets).toHaveLength(600);
    const beats = new SimulatedBeats(options);
    packets.forEach((packet, index) => {
      expect(packet.receivedAtMs).toBe(simulatedConnectDelayMs + ((index + 1) * 1000) / 20);
      expect(packet.bytes).toEqual(encodeHeartRateMeasurement(beats.nextPacket()));
    });
    expect(events.some((event) => event.type === 'malformed')).toBe(false);

    const measurements = measurementsIn(events);
    expect(measurements).toHaveLength(600);
    for (const [index, measurement] of measurements.entries()) {
      const simulatedMs = (index + 1) * 1000;
      expect(measurement.sensorContact).toBe('contact');
      expect(
        Math.abs((measurement.heartRateBpm ?? 0) - targetBpmAt(calmRun, simulatedMs)),
      ).toBeLessThanOrEqual(6);
    }
    const rrCount = measurements.reduce((total, measurement) => total + measurement.rrIntervalsMs.length, 0);
    expect(rrCount).toBeGreaterThan(600);
    strap.disconnect();
  });

  it('contact loss reaches the app as no contact and no heart rate', () => {
    const { clock, strap, events } = started({
      profile: resting,
      speed: 10,
      contactLoss: [{ atMs: 20_000, durationMs: 5_000 }],
    });
    clock.advance(simulatedConnectDelayMs + 40_000 / 10);
    const measurements = measurementsIn(events);
    expect(measurements).toHaveLength(40);
    measurements.forEach((measurement, index) => {
      const simulatedMs = (index + 1) * 1000;
      const lost = simulatedMs >= 20_000 && simulatedMs < 25_000;
      expect(measurement.sensorContact).toBe(lost ? 'no-contact' : 'contact');
      if (lost) {
        expect(measurement.heartRateBpm).toBeNull();
        expect(measurement.rrIntervalsMs).toEqual([]);
      } else if (simulatedMs > 1000 && (simulatedMs < 20_000 || simulatedMs > 26_000)) {
        // Like a real strap, it needs a beat or two after contact returns before it shows a heart rate again.
        expect(measurement.heartRateBpm).not.toBeNull();
      }
    });
    strap.disconnect();
  });

  it('a dropout: reconnecting with backoff and no packets, then live again with no user action', () => {
    const speed = 10;
    const dropoutStartMs = 30_000;
    const dropoutEndMs = 40_000;
    const { clock, strap, events } = started({
      seed: 3,
      speed,
      dropouts: [{ atMs: dropoutStartMs, durationMs: dropoutEndMs - dropoutStartMs }],
    });
    const realMsOf = (simulatedMs: number) => simulatedConnectDelayMs + simulatedMs / speed;
    const stateTimes: { state: ConnectionState; atMs: number }[] = [];
    strap.subscribe((event) => {
      if (event.type === 'state') stateTimes.push({ state: event.state, atMs: clock.monotonicMs() });
    });
    clock.advance(realMsOf(90_000));

    const after = stateTimes.filter((entry) => entry.atMs > 0 && entry.state.kind !== 'connecting');
    const kinds = after.map((entry) => entry.state.kind);
    expect(kinds[0]).toBe('live');
    expect(kinds.at(-1)).toBe('live');
    const reconnecting = after.flatMap((entry) =>
      entry.state.kind === 'reconnecting' ? [{ ...entry.state, atMs: entry.atMs }] : [],
    );
    expect(reconnecting.map((state) => state.attempt)).toEqual(reconnecting.map((_, index) => index + 1));
    expect(reconnecting.length).toBeGreaterThanOrEqual(2);
    for (const state of reconnecting) {
      expect(state.nextAttemptAtMs).toBeCloseTo(state.atMs + reconnectDelayMs(state.attempt) / speed, 6);
    }
    const firstDropoutAtMs = reconnecting[0]?.atMs ?? Number.NaN;
    expect(firstDropoutAtMs).toBeGreaterThanOrEqual(realMsOf(dropoutStartMs));
    expect(firstDropoutAtMs).toBeLessThan(realMsOf(dropoutStartMs + 1000));
    const backAtMs = after.at(-1)?.atMs ?? Number.NaN;
    expect(backAtMs).toBeGreaterThanOrEqual(realMsOf(dropoutEndMs));

    const receivedAtMs = packetsIn(events).map((packet) => packet.receivedAtMs);
    expect(receivedAtMs.filter((atMs) => atMs >= firstDropoutAtMs && atMs < backAtMs)).toEqual([]);
    expect(receivedAtMs.filter((atMs) => atMs >= backAtMs).length).toBeGreaterThan(30);
    expect(events.some((event) => event.type === 'malformed')).toBe(false);
    strap.disconnect();
  });

  it('disconnect stops everything: state idle, no events after, no pending timers, no reconnect', () => {
    const { clock, strap, events } = started({ speed: 20, dropouts: [{ atMs: 60_000, durationMs: 5_000 }] });
    clock.advance(simulatedConnectDelayMs + 500);
    expect(packetsIn(events).length).toBeGreaterThan(5);

    strap.disconnect();
    expect(statesIn(events).at(-1)).toEqual({ kind: 'idle' });
    expect(clock.pendingTimerCount).toBe(0);
    const countAtDisconnect = events.length;
    clock.advance(3_600_000);
    expect(events).toHaveLength(countAtDisconnect);
  });

  it('disconnect while connecting resolves connect and never goes live', async () => {
    const { clock, strap, events, connected } = started({});
    strap.disconnect();
    await expect(connected).resolves.toBeUndefined();
    clock.advance(60_000);
    expect(statesIn(events).map((state) => state.kind)).toEqual(['idle', 'connecting', 'idle']);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('a listener that disconnects on a packet leaves no timer behind', () => {
    const clock = new FakeClock();
    const strap = new SimulatedStrap({ speed: 5 }, clock);
    strap.subscribe((event) => {
      if (event.type === 'measurement') strap.disconnect();
    });
    void strap.connect();
    clock.advance(simulatedConnectDelayMs + 1000);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('connects again from the start of the run after a disconnect', () => {
    const { clock, strap, events } = started({ seed: 5, speed: 10 });
    clock.advance(simulatedConnectDelayMs + 1000);
    const firstRun = packetsIn(events).map((packet) => packet.bytes);
    strap.disconnect();
    events.length = 0;
    void strap.connect();
    clock.advance(simulatedConnectDelayMs + 1000);
    expect(packetsIn(events).map((packet) => packet.bytes)).toEqual(firstRun);
    strap.disconnect();
  });

  it('its battery drains slowly: one percent in about four hours', () => {
    const speed = 200;
    const { clock, strap, events } = started({ speed, batteryPercent: 50 });
    const hourMs = 3_600_000;
    clock.advance(simulatedConnectDelayMs + (4.5 * hourMs) / speed);
    const batteryPercents = events.flatMap((event) =>
      event.type === 'info' ? [event.info.batteryPercent] : [],
    );
    expect(batteryPercents).toEqual([50, 49]);
    const packetsBeforeDrop = events.findIndex(
      (event) => event.type === 'info' && event.info.batteryPercent === 49,
    );
    const simulatedMsAtDrop = packetsIn(events.slice(0, packetsBeforeDrop)).length * 1000;
    expect(simulatedMsAtDrop).toBeGreaterThan(3 * hourMs);
    expect(simulatedMsAtDrop).toBeLessThanOrEqual(4 * hourMs);
    strap.disconnect();
  });

  it('refuses nonsensical options when it is made, not later in a timer', () => {
    expect(() => new SimulatedStrap({ speed: 0 })).toThrow(RangeError);
    expect(() => new SimulatedStrap({ ectopicEveryBeats: 1 })).toThrow(RangeError);
  });
});
