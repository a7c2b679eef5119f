import { encodeHeartRateMeasurement } from '../../core/ble/encode-heart-rate-measurement';
import { reconnectDelayMs, type StrapEvent, type StrapInfo } from '../../core/strap/connection-state';
import { browserClock, type Clock, type HeartRateSource } from '../heart-rate-source';
import { StrapEventHub } from '../strap-event-hub';
import {
  SimulatedBeats,
  type SimulatedBeatsOptions,
  type SimulatedPacket,
  type TimeWindow,
} from './simulated-beats';

export interface SimulatedStrapOptions extends SimulatedBeatsOptions {
  /** Simulated ms per real ms: 1 is real time; tests and demos run faster. */
  speed?: number;
  /** Stretches of simulated time in which the strap is out of range, as a real strap can be. */
  dropouts?: readonly TimeWindow[];
  name?: string;
  batteryPercent?: number;
}

/** Real ms from "connect" to live, about what a paired chest strap takes. */
export const simulatedConnectDelayMs = 700;
/** A chest strap's coin cell lasts a few hundred hours of use. */
const batteryDrainPercentPerHour = 0.25;
const hourMs = 3_600_000;

/**
 * A strap with no hardware: the seeded beat generator's packets, encoded as real 0x2A37 bytes and put through the
 * same decoder as a Bluetooth strap's, with its connection states, dropouts and reconnects mimicked.
 */
export class SimulatedStrap implements HeartRateSource {
  readonly id: string;
  readonly kind = 'simulated' as const;
  readonly #hub: StrapEventHub;
  readonly #clock: Clock;
  readonly #options: SimulatedStrapOptions;
  readonly #speed: number;
  readonly #dropouts: readonly TimeWindow[];
  readonly #initialBatteryPercent: number;
  #beats: SimulatedBeats | undefined;
  #nextPacket: SimulatedPacket | undefined;
  #liveSinceMs = 0;
  #reportedBatteryPercent = 0;
  #cancelTimer: (() => void) | undefined;
  #settleConnect: (() => void) | undefined;

  constructor(options: SimulatedStrapOptions = {}, clock: Clock = browserClock) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError('speed must be a positive number');
    this.#speed = speed;
    this.#options = options;
    this.#clock = clock;
    this.#hub = new StrapEventHub(clock);
    this.#dropouts = options.dropouts ?? [];
    this.#initialBatteryPercent = options.batteryPercent ?? 87;
    this.id = `simulated-${options.seed ?? 1}`;
    // Built now so that nonsensical options throw to the caller here, not later inside a timer.
    this.#beats = new SimulatedBeats(options);
  }

  /** Starts the simulated run from its beginning; resolves once live, or when disconnected first. */
  connect(): Promise<void> {
    const kind = this.#hub.state.kind;
    if (kind === 'connecting' || kind === 'live' || kind === 'reconnecting') return Promise.resolve();
    this.#hub.setState({ kind: 'connecting' });
    return new Promise((resolve) => {
      this.#settleConnect = resolve;
      this.#startTimer(this.#clock.monotonicMs() + simulatedConnectDelayMs, () => {
        this.#goLive();
      });
    });
  }

  disconnect(): void {
    this.#stopTimer();
    this.#beats = undefined;
    this.#nextPacket = undefined;
    if (this.#hub.state.kind !== 'idle') this.#hub.setState({ kind: 'idle' });
    this.#resolveConnect();
  }

  subscribe(listener: (event: StrapEvent) => void): () => void {
    return this.#hub.subscribe(listener);
  }

  #goLive(): void {
    this.#beats ??= new SimulatedBeats(this.#options);
    this.#nextPacket = this.#beats.nextPacket();
    this.#liveSinceMs = this.#clock.monotonicMs();
    this.#reportedBatteryPercent = this.#initialBatteryPercent;
    this.#hub.setInfo(this.#info());
    this.#hub.setState({ kind: 'live' });
    this.#resolveConnect();
    this.#scheduleNextPacket();
  }

  #info(): StrapInfo {
    return {
      name: this.#options.name ?? 'Calm Run simulated strap',
      bodySensorLocation: 'chest',
      batteryPercent: this.#reportedBatteryPercent,
      manufacturer: 'Calm Run',
      model: 'Simulated chest strap',
      firmware: '1.0.0',
    };
  }

  /** Real monotonic time of a moment of simulated time; computed from the start so that no delay accumulates. */
  #realMsAt(simulatedMs: number): number {
    return this.#liveSinceMs + simulatedMs / this.#speed;
  }

  #simulatedNowMs(): number {
    return (this.#clock.monotonicMs() - this.#liveSinceMs) * this.#speed;
  }

  #scheduleNextPacket(): void {
    const packet = this.#nextPacket;
    // A listener may have disconnected while handling the last event.
    if (!packet || this.#hub.state.kind !== 'live') return;
    this.#startTimer(this.#realMsAt(packet.atMs), () => {
      this.#sendOrDropOut(packet);
    });
  }

  #sendOrDropOut(packet: SimulatedPacket): void {
    if (this.#inDropout(packet.atMs)) {
      this.#retry(1);
      return;
    }
    this.#drainBattery(packet.atMs);
    const bytes = encodeHeartRateMeasurement(packet);
    this.#hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.#nextPacket = this.#beats?.nextPacket();
    this.#scheduleNextPacket();
  }

  /** Mimics the Bluetooth layer's backoff, so the strap comes back at the first attempt after the dropout. */
  #retry(attempt: number): void {
    const nextAttemptAtMs = this.#clock.monotonicMs() + reconnectDelayMs(attempt) / this.#speed;
    this.#hub.setState({ kind: 'reconnecting', attempt, nextAttemptAtMs });
    this.#startTimer(nextAttemptAtMs, () => {
      const simulatedNowMs = this.#simulatedNowMs();
      if (this.#inDropout(simulatedNowMs)) {
        this.#retry(attempt + 1);
        return;
      }
      // The heart kept beating while the strap was away; what it sent then never arrived.
      while (this.#beats && this.#nextPacket && this.#nextPacket.atMs < simulatedNowMs) {
        this.#nextPacket = this.#beats.nextPacket();
      }
      this.#hub.setState({ kind: 'live' });
      this.#scheduleNextPacket();
    });
  }

  #inDropout(simulatedMs: number): boolean {
    return this.#dropouts.some(
      (window) => simulatedMs >= window.atMs && simulatedMs < window.atMs + window.durationMs,
    );
  }

  #drainBattery(simulatedMs: number): void {
    const batteryPercent = Math.max(
      0,
      Math.ceil(this.#initialBatteryPercent - (batteryDrainPercentPerHour * simulatedMs) / hourMs),
    );
    if (batteryPercent === this.#reportedBatteryPercent) return;
    this.#reportedBatteryPercent = batteryPercent;
    this.#hub.updateInfo({ batteryPercent });
  }

  #startTimer(atMs: number, callback: () => void): void {
    this.#stopTimer();
    this.#cancelTimer = this.#clock.setTimeout(() => {
      this.#cancelTimer = undefined;
      callback();
    }, atMs - this.#clock.monotonicMs());
  }

  #stopTimer(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #resolveConnect(): void {
    const settle = this.#settleConnect;
    this.#settleConnect = undefined;
    settle?.();
  }
}
