import { describe, expect, it } from 'vitest';
import { AdapterAvailability } from '../../../../src/adapters/bluetooth/adapter-availability';
import {
  connectAttemptTimeoutMs,
  WebBluetoothStrap,
} from '../../../../src/adapters/bluetooth/web-bluetooth-strap';
import type { ConnectionState, StrapEvent } from '../../../../src/core';
import { FakeClock } from '../../support/fake-clock';
import { asBluetooth, asDevice, FakeBluetooth, FakeStrap, type FakeStrapSetup } from './fake-web-bluetooth';

/** Lets the adapter's awaited promise chains run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function setUp(setup: FakeStrapSetup = {}) {
  const clock = new FakeClock();
  const device = new FakeStrap(setup);
  const bluetooth = new FakeBluetooth(() => Promise.resolve(device));
  const strap = new WebBluetoothStrap(asBluetooth(bluetooth), { clock });
  const events: StrapEvent[] = [];
  strap.subscribe((event) => events.push(event));
  const states = () =>
    events.filter((e): e is Extract<StrapEvent, { type: 'state' }> => e.type === 'state').map((e) => e.state);
  const lastInfo = () => events.filter((e) => e.type === 'info').at(-1);
  return { clock, device, bluetooth, strap, events, states, lastInfo };
}

describe('WebBluetoothStrap', () => {
  it('asks the chooser for heart-rate straps with battery and device information as optional services', async () => {
    const { bluetooth, strap } = setUp();
    await strap.connect();
    expect(bluetooth.requestCalls).toEqual([
      {
        filters: [{ services: ['heart_rate'] }],
        optionalServices: ['battery_service', 'device_information'],
      },
    ]);
  });

  it('goes from choosing to connecting to live and decodes notifications', async () => {
    const { strap, device, states, events } = setUp();
    await strap.connect();
    expect(states().map((s) => s.kind)).toEqual(['idle', 'choosing', 'connecting', 'live']);
    device.heartRateMeasurement?.emit([0x16, 72, 0x00, 0x04]);
    const measurement = events.find((e) => e.type === 'measurement');
    expect(measurement?.type === 'measurement' && measurement.measurement).toMatchObject({
      heartRateBpm: 72,
      sensorContact: 'contact',
      rrIntervalsMs: [1000],
    });
  });

  it('reads location, battery and device information, and follows battery notifications', async () => {
    const { strap, device, lastInfo } = setUp({
      bodySensorLocation: 1,
      batteryPercent: 64,
      batteryNotifies: true,
      manufacturer: 'Polar',
    });
    await strap.connect();
    await settle();
    expect(lastInfo()).toEqual({
      type: 'info',
      info: { name: 'Fake H10', bodySensorLocation: 'chest', batteryPercent: 64, manufacturer: 'Polar' },
    });
    device.batteryLevel?.emit([63]);
    expect(lastInfo()?.type === 'info' && lastInfo()).toMatchObject({ info: { batteryPercent: 63 } });
  });

  it('works fully with only the Heart Rate Service', async () => {
    const { strap, device, states, events } = setUp();
    await strap.connect();
    await settle();
    device.heartRateMeasurement?.emit([0x00, 61]);
    expect(states().at(-1)?.kind).toBe('live');
    expect(events.some((e) => e.type === 'measurement')).toBe(true);
  });

  it('reports a cancelled chooser as lost with that reason', async () => {
    const clock = new FakeClock();
    const bluetooth = new FakeBluetooth(() =>
      Promise.reject(new DOMException('User cancelled the requestDevice() chooser.', 'NotFoundError')),
    );
    const strap = new WebBluetoothStrap(asBluetooth(bluetooth), { clock });
    let state: ConnectionState | undefined;
    strap.subscribe((e) => {
      if (e.type === 'state') state = e.state;
    });
    await strap.connect();
    expect(state).toMatchObject({ kind: 'lost', reason: 'chooser-cancelled' });
  });

  it('reports Bluetooth switched off', async () => {
    const bluetooth = new FakeBluetooth(() =>
      Promise.reject(new DOMException('Bluetooth adapter not available.', 'NotFoundError')),
    );
    const strap = new WebBluetoothStrap(asBluetooth(bluetooth), { clock: new FakeClock() });
    let state: ConnectionState | undefined;
    strap.subscribe((e) => {
      if (e.type === 'state') state = e.state;
    });
    await strap.connect();
    expect(state).toMatchObject({ kind: 'lost', reason: 'bluetooth-off' });
  });

  it('says Bluetooth is off without opening a chooser that would never answer', async () => {
    const { strap, bluetooth, states } = setUp();
    bluetooth.adapterAvailable = false;
    await strap.connect();
    expect(bluetooth.requestCalls).toHaveLength(0);
    expect(states().at(-1)).toMatchObject({ kind: 'lost', reason: 'bluetooth-off' });
  });

  it('refuses a device without the Heart Rate Service with a clear reason', async () => {
    const { strap, states } = setUp({ hasHeartRateService: false });
    await strap.connect();
    expect(states().at(-1)).toMatchObject({ kind: 'lost', reason: 'no-heart-rate-service' });
  });

  it('reconnects after a drop with backoff 1 s, 2 s, 4 s and resumes notifications', async () => {
    const { strap, device, clock, states, events } = setUp();
    await strap.connect();
    device.drop();
    expect(states().at(-1)).toEqual({ kind: 'reconnecting', attempt: 1, nextAttemptAtMs: 1000 });
    clock.advance(1000);
    await settle();
    expect(states().at(-1)).toEqual({ kind: 'reconnecting', attempt: 2, nextAttemptAtMs: 3000 });
    clock.advance(2000);
    await settle();
    expect(states().at(-1)).toEqual({ kind: 'reconnecting', attempt: 3, nextAttemptAtMs: 7000 });
    device.reachable = true;
    clock.advance(3999);
    await settle();
    expect(states().at(-1)?.kind).toBe('reconnecting');
    clock.advance(1);
    await settle();
    expect(states().at(-1)?.kind).toBe('live');
    const before = events.length;
    device.heartRateMeasurement?.emit([0x00, 80]);
    expect(events.slice(before).some((e) => e.type === 'measurement')).toBe(true);
  });

  it('caps the backoff at 30 s and keeps trying', async () => {
    const { strap, device, clock, states } = setUp();
    await strap.connect();
    device.drop();
    for (let i = 0; i < 10; i++) {
      clock.advanceToNextTimer();
      await settle();
    }
    const last = states().at(-1);
    expect(last?.kind).toBe('reconnecting');
    expect(last?.kind === 'reconnecting' && last.nextAttemptAtMs - clock.monotonicMs()).toBe(30_000);
  });

  it('gives up an attempt the strap never answers after 20 s, cancels it, and tries again', async () => {
    const { strap, device, clock, states } = setUp();
    await strap.connect();
    device.drop();
    device.answers = false;
    clock.advance(1000);
    await settle();
    // The attempt hangs: still reconnecting, nothing scheduled but the give-up.
    expect(device.connectCalls).toBe(2);
    expect(states().at(-1)).toEqual({ kind: 'reconnecting', attempt: 1, nextAttemptAtMs: 1000 });
    clock.advance(connectAttemptTimeoutMs - 1);
    await settle();
    expect(states().at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    clock.advance(1);
    await settle();
    expect(states().at(-1)).toEqual({ kind: 'reconnecting', attempt: 2, nextAttemptAtMs: 21_000 + 2000 });
    device.answers = true;
    device.reachable = true;
    clock.advance(2000);
    await settle();
    expect(states().at(-1)?.kind).toBe('live');
    expect(device.connectCalls).toBe(3);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('gives up a first connection the strap never answers, and keeps trying without a tap', async () => {
    const { strap, device, clock, states } = setUp();
    device.answers = false;
    const connected = strap.connect();
    await settle();
    expect(states().at(-1)?.kind).toBe('connecting');
    clock.advance(connectAttemptTimeoutMs);
    await connected;
    expect(states().at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    device.answers = true;
    clock.advance(1000);
    await settle();
    expect(states().at(-1)?.kind).toBe('live');
  });

  it("never reconnects after the user's own disconnect", async () => {
    const { strap, device, clock, states } = setUp();
    await strap.connect();
    strap.disconnect();
    device.dispatchEvent(new Event('gattserverdisconnected'));
    const connects = device.connectCalls;
    clock.advance(120_000);
    await settle();
    expect(device.connectCalls).toBe(connects);
    expect(states().at(-1)?.kind).toBe('idle');
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('stops reconnecting when the user disconnects mid-backoff', async () => {
    const { strap, device, clock, states } = setUp();
    await strap.connect();
    device.drop();
    strap.disconnect();
    device.reachable = true;
    clock.advance(60_000);
    await settle();
    expect(states().at(-1)?.kind).toBe('idle');
    expect(device.gatt.connected).toBe(false);
  });

  it('connects a strap paired before without the chooser', async () => {
    const clock = new FakeClock();
    const device = new FakeStrap({});
    const bluetooth = new FakeBluetooth(() => Promise.reject(new Error('the chooser must not open')));
    const strap = new WebBluetoothStrap(asBluetooth(bluetooth), { clock, device: asDevice(device) });
    await strap.connect();
    expect(bluetooth.requestCalls).toHaveLength(0);
    expect(strap.id).toBe('fake-strap-1');
  });

  it('counts a malformed notification without breaking the stream', async () => {
    const { strap, device, events } = setUp();
    await strap.connect();
    device.heartRateMeasurement?.emit([0x10, 72, 0x20]);
    device.heartRateMeasurement?.emit([0x00, 73]);
    expect(events.filter((e) => e.type === 'malformed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'measurement')).toHaveLength(1);
  });
});

describe('WebBluetoothStrap with the adapter followed since start', () => {
  function setUpFollowed(adapterOnAtStart = true) {
    const device = new FakeStrap({});
    let answerChooser: (device: FakeStrap) => void = () => undefined;
    const bluetooth = new FakeBluetooth(
      () =>
        new Promise<FakeStrap>((resolve) => {
          answerChooser = resolve;
        }),
    );
    bluetooth.adapterAvailable = adapterOnAtStart;
    const availability = new AdapterAvailability(asBluetooth(bluetooth));
    const strap = new WebBluetoothStrap(asBluetooth(bluetooth), { clock: new FakeClock(), availability });
    const states: ConnectionState[] = [];
    strap.subscribe((event) => {
      if (event.type === 'state') states.push(event.state);
    });
    return { device, bluetooth, availability, strap, states, answer: () => answerChooser(device) };
  }

  it('opens the chooser within the tap when Bluetooth is known to be on', async () => {
    const { device, bluetooth, strap, states, answer } = setUpFollowed();
    await settle();
    const connecting = strap.connect();
    // Synchronously: no answer from the browser is awaited before the chooser is asked for.
    expect(bluetooth.requestCalls).toHaveLength(1);
    answer();
    await connecting;
    expect(states.at(-1)).toMatchObject({ kind: 'live' });
    expect(device.heartRateMeasurement?.notifying).toBe(true);
  });

  it('ends the wait with "Bluetooth is off" when a fresh answer says so, though the chooser never answers', async () => {
    const { bluetooth, strap, states } = setUpFollowed();
    await settle();
    // Switched off without the browser saying so: the chooser opens, and the fresh answer ends it.
    bluetooth.adapterAvailable = false;
    await strap.connect();
    expect(bluetooth.requestCalls).toHaveLength(1);
    expect(states.at(-1)).toMatchObject({ kind: 'lost', reason: 'bluetooth-off' });
  });

  it('follows the adapter going off and on: no chooser while off, the chooser at once when on again', async () => {
    const { bluetooth, availability, strap, states, answer } = setUpFollowed();
    await settle();
    bluetooth.switchAdapter(false);
    expect(availability.known).toBe(false);
    await strap.connect();
    expect(bluetooth.requestCalls).toHaveLength(0);
    expect(states.at(-1)).toMatchObject({ kind: 'lost', reason: 'bluetooth-off' });

    bluetooth.switchAdapter(true);
    const connecting = strap.connect();
    expect(bluetooth.requestCalls).toHaveLength(1);
    answer();
    await connecting;
    expect(states.at(-1)).toMatchObject({ kind: 'live' });
  });

  it('asks again when it was off at start, and opens the chooser once it is on', async () => {
    const { bluetooth, availability, strap, states, answer } = setUpFollowed(false);
    await settle();
    expect(availability.known).toBe(false);
    // Turned on in the system settings, with no event seen: the tap asks the browser before the chooser.
    bluetooth.adapterAvailable = true;
    const connecting = strap.connect();
    expect(bluetooth.requestCalls).toHaveLength(0);
    await settle();
    expect(bluetooth.requestCalls).toHaveLength(1);
    answer();
    await connecting;
    expect(states.at(-1)).toMatchObject({ kind: 'live' });
  });
});
