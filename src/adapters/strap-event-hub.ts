import { bytesToHex } from '../core/ble/hex';
import { decodeHeartRateMeasurement, MalformedPacketError } from '../core/ble/heart-rate-measurement';
import { toStrapMeasurement } from '../core/ble/strap-measurement';
import type { ConnectionState, StrapEvent, StrapInfo } from '../core/strap/connection-state';
import type { Clock } from './heart-rate-source';

/**
 * Fans a strap's events out to its listeners, and puts every notification of every kind of strap through the
 * same decoder, so simulated and replayed data take the path real data takes.
 */
export class StrapEventHub {
  readonly #listeners = new Set<(event: StrapEvent) => void>();
  #state: ConnectionState = { kind: 'idle' };
  #info: StrapInfo | undefined;

  constructor(readonly clock: Clock) {}

  get state(): ConnectionState {
    return this.#state;
  }

  subscribe(listener: (event: StrapEvent) => void): () => void {
    this.#listeners.add(listener);
    // A late subscriber learns where the strap stands without waiting for the next change.
    listener({ type: 'state', state: this.#state });
    if (this.#info) listener({ type: 'info', info: this.#info });
    return () => this.#listeners.delete(listener);
  }

  setState(state: ConnectionState): void {
    this.#state = state;
    this.#emit({ type: 'state', state });
  }

  setInfo(info: StrapInfo): void {
    this.#info = info;
    this.#emit({ type: 'info', info });
  }

  updateInfo(patch: Partial<StrapInfo>): void {
    this.setInfo({ name: '', ...this.#info, ...patch });
  }

  /**
   * Decodes one Heart Rate Measurement value; a malformed one is reported, never thrown. `wallClockMs` is when it
   * was received where the strap is (a shared strap: the runner's phone), else now; `receivedAtMs` (monotonic) is
   * when it reached this device, for one handed on a little later than it arrived (a shared strap's batches).
   */
  notify(
    value: DataView,
    wallClockMs = this.clock.wallClockMs(),
    receivedAtMs = this.clock.monotonicMs(),
  ): void {
    const bytes = new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    this.#emit({ type: 'packet', bytes, receivedAtMs });
    try {
      const decoded = decodeHeartRateMeasurement(value);
      this.#emit({
        type: 'measurement',
        measurement: toStrapMeasurement(decoded, receivedAtMs, wallClockMs),
      });
    } catch (error) {
      if (!(error instanceof MalformedPacketError)) throw error;
      this.#emit({ type: 'malformed', reason: error.reason, hex: bytesToHex(bytes), receivedAtMs });
    }
  }

  #emit(event: StrapEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
