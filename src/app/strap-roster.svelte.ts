import type { HeartRateSource } from '../adapters/heart-rate-source';
import type { ConnectionState } from '../core/strap/connection-state';
import { StrapConnection } from './strap-connection.svelte';
import type { AdapterAvailability } from '../adapters/bluetooth/adapter-availability';
import {
  createBluetoothStrap,
  createReplay,
  createSimulatedStrap,
  findPairedStraps,
  followAdapterAvailability,
} from './strap-sources';
import type { SimulatedStrapOptions } from '../adapters/simulated/simulated-strap';

/**
 * A refused connection with at least this many straps connected is read as the device's limit: Android phones
 * often hold 5 to 7 Bluetooth connections at once, and a strap that is merely out of reach fails the same way.
 */
export const CONNECTION_LIMIT_AFTER_STRAPS = 4;

type LostState = Extract<ConnectionState, { kind: 'lost' }>;

/** The straps this device is connected to, and the ones it may reconnect without the chooser. */
export class StrapRoster {
  straps = $state.raw<StrapConnection[]>([]);
  pairedDevices = $state.raw<BluetoothDevice[]>([]);
  /** Why the last attempt to connect did not get as far as a live strap. */
  connectProblem = $state.raw<LostState | undefined>();
  /** A strap is being chosen or connected: one chooser at a time. */
  connecting = $state(false);
  readonly #bluetooth: Bluetooth | undefined;
  readonly #adapterAvailability: AdapterAvailability | undefined;

  constructor(bluetooth: Bluetooth | undefined) {
    this.#bluetooth = bluetooth;
    this.#adapterAvailability = bluetooth && followAdapterAvailability(bluetooth);
  }

  async loadPairedDevices(): Promise<void> {
    if (this.#bluetooth) this.pairedDevices = await findPairedStraps(this.#bluetooth);
  }

  /** The connected strap of a device paired before, if any. */
  strapOfDevice(deviceId: string): StrapConnection | undefined {
    return this.straps.find((strap) => strap.source.kind === 'bluetooth' && strap.source.id === deviceId);
  }

  /**
   * Opens Chrome's chooser, or reconnects a strap paired before when one is given. Resolves with the strap once it
   * is live (or already connected), undefined when it never got there (the reason is in `connectProblem`).
   */
  async connectBluetooth(device?: BluetoothDevice): Promise<StrapConnection | undefined> {
    if (!this.#bluetooth || !this.#adapterAvailability) return undefined;
    if (device) {
      const connected = this.strapOfDevice(device.id);
      if (connected) return connected;
    }
    const strap = await this.#add(createBluetoothStrap(this.#bluetooth, this.#adapterAvailability, device));
    // The chooser also offers a strap this page is connected to already (handed from one runner to another): one
    // strap keeps one connection, the one runs and tiles already follow. Letting the new one go closes the shared
    // link once; the earlier connection reconnects by itself.
    const earlier = strap && this.straps.find((other) => other !== strap && isSameDevice(other, strap));
    if (strap && earlier) {
      this.remove(strap);
      return earlier;
    }
    return strap;
  }

  async connectSimulated(
    search: string,
    options?: SimulatedStrapOptions,
  ): Promise<StrapConnection | undefined> {
    return this.#add(await createSimulatedStrap(search, this.straps.length, options));
  }

  async replay(logText: string, name: string): Promise<StrapConnection | undefined> {
    return this.#add(await createReplay(logText, name));
  }

  remove(strap: StrapConnection): void {
    strap.dispose();
    this.straps = this.straps.filter((candidate) => candidate !== strap);
  }

  disposeAll(): void {
    for (const strap of this.straps) strap.dispose();
    this.straps = [];
  }

  async #add(source: HeartRateSource): Promise<StrapConnection | undefined> {
    this.connectProblem = undefined;
    const connectedBefore = this.straps.filter((strap) => strap.state.kind === 'live').length;
    const strap = new StrapConnection(source);
    this.straps = [...this.straps, strap];
    this.connecting = true;
    try {
      await source.connect();
    } finally {
      this.connecting = false;
    }
    // A strap that never went live (chooser cancelled, Bluetooth off) leaves no tile: its reason shows where the
    // user tapped instead.
    const state = strap.state;
    // A first connection that failed is retried by the strap itself (it may have vanished mid-discovery): with
    // several straps live, that is the device's limit, and retrying would only be refused again and again.
    const refused =
      state.kind === 'reconnecting' || (state.kind === 'lost' && state.reason === 'connect-failed');
    if (!strap.wasLive && refused && connectedBefore >= CONNECTION_LIMIT_AFTER_STRAPS) {
      this.connectProblem = {
        kind: 'lost',
        reason: 'connection-limit',
        detail: `${state.kind === 'lost' ? (state.detail ?? '') : 'first connection failed'} with ${connectedBefore} straps live`,
      };
      this.remove(strap);
      return undefined;
    }
    if (state.kind === 'lost' && !strap.wasLive) {
      this.connectProblem = state;
      this.remove(strap);
      return undefined;
    }
    if (source.kind === 'bluetooth' && strap.wasLive) await this.loadPairedDevices();
    return strap;
  }
}

function isSameDevice(a: StrapConnection, b: StrapConnection): boolean {
  return a.source.kind === 'bluetooth' && b.source.kind === 'bluetooth' && a.source.id === b.source.id;
}
