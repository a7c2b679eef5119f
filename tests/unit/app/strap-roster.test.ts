import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONNECTION_LIMIT_AFTER_STRAPS, StrapRoster } from '../../../src/app/strap-roster.svelte';
import { asDevice, FakeStrap } from '../adapters/bluetooth/fake-web-bluetooth';
import { chooserBluetooth } from '../support/chooser-bluetooth';

describe('StrapRoster', () => {
  let chooser: ReturnType<typeof chooserBluetooth>;
  let roster: StrapRoster;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    chooser = chooserBluetooth();
    roster = new StrapRoster(chooser.bluetooth);
  });

  afterEach(() => {
    roster.disposeAll();
    vi.useRealTimers();
  });

  /** Connects this many straps through the chooser, each live. */
  async function connectLive(count: number): Promise<FakeStrap[]> {
    const devices: FakeStrap[] = [];
    for (let i = 0; i < count; i++) {
      const device = new FakeStrap({ id: `live-${String(i)}`, name: `H10 ${String(i)}` });
      chooser.picks(device);
      expect((await roster.connectBluetooth())?.state.kind).toBe('live');
      devices.push(device);
    }
    return devices;
  }

  it('adds a strap chosen in the chooser once it is live, and lists its device as paired', async () => {
    const device = new FakeStrap({ id: 'polar-1', name: 'Polar H10 1A2B' });
    chooser.picks(device);
    const strap = await roster.connectBluetooth();

    expect(strap?.state.kind).toBe('live');
    expect(strap?.info?.name).toBe('Polar H10 1A2B');
    expect(roster.straps).toEqual([strap]);
    expect(roster.connectProblem).toBeUndefined();
    expect(roster.connecting).toBe(false);
    expect(roster.pairedDevices.map((paired) => paired.id)).toEqual(['polar-1']);
    expect(roster.strapOfDevice('polar-1')).toBe(strap);
  });

  it('is connecting while the chooser is open', async () => {
    let pick: (device: FakeStrap) => void = () => undefined;
    chooser.answersWith(
      new Promise((resolve) => {
        pick = resolve;
      }),
    );
    const connecting = roster.connectBluetooth();
    expect(roster.connecting).toBe(true);
    pick(new FakeStrap({ id: 'slow' }));
    await connecting;
    expect(roster.connecting).toBe(false);
    expect(roster.straps).toHaveLength(1);
  });

  it('leaves no strap when the chooser is cancelled, and tells why', async () => {
    chooser.cancels();
    expect(await roster.connectBluetooth()).toBeUndefined();
    expect(roster.straps).toEqual([]);
    expect(roster.connectProblem).toMatchObject({ kind: 'lost', reason: 'chooser-cancelled' });
    expect(roster.connecting).toBe(false);

    // The next attempt starts with a clean slate.
    chooser.picks(new FakeStrap({ id: 'second-try' }));
    await roster.connectBluetooth();
    expect(roster.connectProblem).toBeUndefined();
  });

  describe(`a strap refused on its first connection with ${String(CONNECTION_LIMIT_AFTER_STRAPS)} or more straps live`, () => {
    it('is the device’s connection limit, not kept, and not retried', async () => {
      const live = await connectLive(CONNECTION_LIMIT_AFTER_STRAPS);
      const refused = new FakeStrap({ id: 'fifth' });
      refused.reachable = false;
      chooser.picks(refused);

      expect(await roster.connectBluetooth()).toBeUndefined();
      expect(roster.connectProblem).toMatchObject({ kind: 'lost', reason: 'connection-limit' });
      expect(roster.connectProblem?.detail).toContain(`${String(CONNECTION_LIMIT_AFTER_STRAPS)} straps live`);
      expect(roster.straps.map((strap) => strap.source.id)).toEqual(live.map((device) => device.id));
      expect(roster.straps.every((strap) => strap.state.kind === 'live')).toBe(true);
      // Retrying would only be refused again and again: the strap was let go.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(refused.connectCalls).toBe(1);
    });

    it('is the limit too when the chooser itself fails to connect', async () => {
      await connectLive(CONNECTION_LIMIT_AFTER_STRAPS + 1);
      chooser.fails();
      expect(await roster.connectBluetooth()).toBeUndefined();
      expect(roster.connectProblem?.reason).toBe('connection-limit');
      expect(roster.straps).toHaveLength(CONNECTION_LIMIT_AFTER_STRAPS + 1);
    });

    it('is still a cancelled chooser when the user cancelled', async () => {
      await connectLive(CONNECTION_LIMIT_AFTER_STRAPS);
      chooser.cancels();
      expect(await roster.connectBluetooth()).toBeUndefined();
      expect(roster.connectProblem?.reason).toBe('chooser-cancelled');
    });
  });

  describe('a strap refused on its first connection with fewer straps live', () => {
    it('keeps trying to reach a strap that is out of range, without a problem to show', async () => {
      await connectLive(CONNECTION_LIMIT_AFTER_STRAPS - 1);
      const far = new FakeStrap({ id: 'far' });
      far.reachable = false;
      chooser.picks(far);

      const strap = await roster.connectBluetooth();
      expect(strap?.state.kind).toBe('reconnecting');
      expect(roster.straps).toContain(strap);
      expect(roster.connectProblem).toBeUndefined();
      far.reachable = true;
      await vi.advanceTimersByTimeAsync(1000);
      expect(strap?.state.kind).toBe('live');
    });

    it('keeps the ordinary reason when the connection failed outright', async () => {
      await connectLive(CONNECTION_LIMIT_AFTER_STRAPS - 1);
      chooser.fails();
      expect(await roster.connectBluetooth()).toBeUndefined();
      expect(roster.connectProblem?.reason).toBe('connect-failed');
      expect(roster.straps).toHaveLength(CONNECTION_LIMIT_AFTER_STRAPS - 1);
    });

    it('counts only the straps that are live, not one that dropped out of range', async () => {
      const devices = await connectLive(CONNECTION_LIMIT_AFTER_STRAPS);
      devices[0]?.drop();
      expect(roster.straps[0]?.state.kind).toBe('reconnecting');
      chooser.fails();
      await roster.connectBluetooth();
      expect(roster.connectProblem?.reason).toBe('connect-failed');
    });
  });

  it('reconnects a strap paired before without the chooser, and hands back one already connected', async () => {
    const [device] = await connectLive(1);
    const strap = roster.straps[0];
    const requests = chooser.fake.requestCalls.length;
    expect(await roster.connectBluetooth(asDevice(device ?? new FakeStrap({})))).toBe(strap);

    const remembered = new FakeStrap({ id: 'remembered' });
    const reconnected = await roster.connectBluetooth(asDevice(remembered));
    expect(reconnected?.state.kind).toBe('live');
    expect(reconnected?.source.id).toBe('remembered');
    expect(chooser.fake.requestCalls).toHaveLength(requests);
    expect(roster.straps).toHaveLength(2);
  });

  it('keeps one connection per strap when the chooser offers a strap that is connected already', async () => {
    const [device] = await connectLive(1);
    const first = roster.straps[0];
    chooser.picks(device ?? new FakeStrap({}));
    expect(await roster.connectBluetooth()).toBe(first);
    expect(roster.straps).toEqual([first]);
    expect(roster.connectProblem).toBeUndefined();
  });

  it('lets go of a removed strap: off the list, its link closed, never reconnecting', async () => {
    const [device] = await connectLive(2);
    const strap = roster.straps[0];
    if (!strap || !device) throw new Error('expected a strap');
    roster.remove(strap);

    expect(roster.straps.map((kept) => kept.source.id)).toEqual(['live-1']);
    expect(device.gatt.connected).toBe(false);
    device.reachable = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(device.connectCalls).toBe(1);
  });
});
