import { StrapConnection } from './strap-connection.svelte';
import {
  createBluetoothStrap,
  createReplay,
  createSimulatedStrap,
  findPairedStraps,
  webBluetooth,
} from './strap-sources';
import type { HeartRateSource } from '../adapters/heart-rate-source';
import type { ConnectionState } from '../core/strap/connection-state';

/** The app's top-level state: the connected straps and what the browser can do. */
export class AppState {
  straps = $state.raw<StrapConnection[]>([]);
  pairedDevices = $state.raw<BluetoothDevice[]>([]);
  /** Monotonic time, ticking once a second, for "last beat 12 s ago". */
  nowMs = $state(performance.now());
  /** Why the last attempt to connect did not get as far as a live strap. */
  connectProblem = $state.raw<Extract<ConnectionState, { kind: 'lost' }> | undefined>();
  readonly bluetooth = webBluetooth();
  #ticker: ReturnType<typeof setInterval> | undefined;

  get bluetoothSupported(): boolean {
    return this.bluetooth !== undefined;
  }

  async start(): Promise<void> {
    this.#ticker = setInterval(() => {
      this.nowMs = performance.now();
    }, 1000);
    if (this.bluetooth) this.pairedDevices = await findPairedStraps(this.bluetooth);
  }

  stop(): void {
    clearInterval(this.#ticker);
    for (const strap of this.straps) strap.dispose();
    this.straps = [];
  }

  /** Opens Chrome's chooser, or reconnects a strap paired before when one is given. */
  async connectBluetooth(device?: BluetoothDevice): Promise<void> {
    if (!this.bluetooth) return;
    if (device && this.straps.some((strap) => strap.source.id === device.id)) return;
    await this.#add(createBluetoothStrap(this.bluetooth, device));
  }

  async connectSimulated(): Promise<void> {
    await this.#add(await createSimulatedStrap(location.search, this.straps.length));
  }

  async replay(logText: string, name: string): Promise<void> {
    await this.#add(await createReplay(logText, name));
  }

  remove(strap: StrapConnection): void {
    strap.dispose();
    this.straps = this.straps.filter((candidate) => candidate !== strap);
  }

  async #add(source: HeartRateSource): Promise<void> {
    this.connectProblem = undefined;
    const strap = new StrapConnection(source);
    this.straps = [...this.straps, strap];
    await source.connect();
    // A strap that never went live (chooser cancelled, Bluetooth off) leaves no tile: its reason shows where
    // the user tapped instead.
    if (strap.state.kind === 'lost' && !strap.wasLive) {
      this.connectProblem = strap.state;
      this.remove(strap);
    } else if (source.kind === 'bluetooth' && this.bluetooth) {
      this.pairedDevices = await findPairedStraps(this.bluetooth);
    }
  }
}
