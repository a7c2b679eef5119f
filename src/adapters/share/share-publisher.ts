import type { SensorContact } from '../../core/ble/heart-rate-measurement';
import type { PhaseKind } from '../../core/coaching/run-plan';
import { encodePacketFrame, encodePresenceFrame, type SharedStrapState } from '../../core/share/share-frames';
import { PRESENCE_INTERVAL_MS } from '../../core/share/share-presence';
import type { ConnectionState, StrapEvent } from '../../core/strap/connection-state';
import { browserClock, type Clock, type HeartRateSource } from '../heart-rate-source';
import type { ShareCipher } from './share-cipher';
import type { ShareLink } from './share-link';
import { randomShareId, shareSubject } from './share-subjects';

export interface SharePublisherOptions {
  link: ShareLink;
  cipher: ShareCipher;
  groupId: string;
  /** The runner's first name or pseudonym: it travels only inside ciphertext. */
  runnerName: string;
  /** The runner's own calm zone; absent when running by feel. */
  zone?: { lowBpm: number; highBpm: number };
  /** The planned phase now, asked at every presence; absent in a free run. */
  phase?: () => PhaseKind | undefined;
  clock?: Clock;
}

/**
 * The runner's side of live share: every Heart Rate Measurement of their strap, sealed and published as it comes,
 * and a presence frame every PRESENCE_INTERVAL_MS. It never throws into the strap's event path and never waits
 * for the network: a network fault loses live readings for the therapist, never anything of the runner's own
 * recording. Each share has a new random id, so runs cannot be linked by their subjects.
 */
export class SharePublisher {
  readonly runnerShareId = randomShareId();
  readonly #options: SharePublisherOptions;
  readonly #clock: Clock;
  #unsubscribe: (() => void) | undefined;
  #sequence = 0;
  #strapState: SharedStrapState = 'idle';
  #batteryPercent: number | undefined;
  #sensorContact: SensorContact | undefined;
  #cancelTimer: (() => void) | undefined;
  /** Settles once every message handed in so far is sent or dropped, in the order they were handed in. */
  #inOrder: Promise<void> = Promise.resolve();
  #stopped = false;
  /** Messages handed to the link, and the ones it could not send (not connected, or sealing failed). */
  sentCount = 0;
  droppedCount = 0;

  /** Shares `source` (or, without one yet, the runner's presence until `follow()` gives a strap). */
  constructor(source: HeartRateSource | undefined, options: SharePublisherOptions) {
    this.#options = options;
    this.#clock = options.clock ?? browserClock;
    this.#unsubscribe = source?.subscribe(this.#onEvent);
    this.#sendPresence(true);
  }

  /** Shares this strap from now on instead (one connected during the run); the share and its numbering go on. */
  follow(source: HeartRateSource): void {
    if (this.#stopped) return;
    this.#unsubscribe?.();
    this.#unsubscribe = source.subscribe(this.#onEvent);
  }

  get isStopped(): boolean {
    return this.#stopped;
  }

  /** Ends sharing: a last presence saying so (best effort, never awaited on the network), then nothing more. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    await this.#publish('presence', this.#presenceBytes(false));
  }

  readonly #onEvent = (event: StrapEvent): void => {
    if (this.#stopped) return;
    try {
      switch (event.type) {
        case 'packet':
          void this.#publish(
            'hr',
            encodePacketFrame({
              sequence: this.#sequence,
              receivedAtWallMs: Math.round(this.#clock.wallClockMs()),
              measurementBytes: event.bytes,
            }),
          );
          this.#sequence = (this.#sequence + 1) >>> 0;
          break;
        case 'state':
          this.#strapState = sharedStrapState(event.state);
          break;
        case 'info':
          this.#batteryPercent = event.info.batteryPercent;
          break;
        case 'measurement':
          this.#sensorContact = event.measurement.sensorContact;
          break;
        case 'malformed':
          break;
      }
    } catch {
      // A packet too long for a frame (no strap sends one) is not shared; the runner's own recording has it.
    }
  };

  #sendPresence(scheduleNext: boolean): void {
    if (this.#stopped) return;
    void this.#publish('presence', this.#presenceBytes(true));
    if (scheduleNext) {
      this.#cancelTimer = this.#clock.setTimeout(() => {
        this.#sendPresence(true);
      }, PRESENCE_INTERVAL_MS);
    }
  }

  #presenceBytes(sharing: boolean): Uint8Array | undefined {
    const options = this.#options;
    try {
      const phase = options.phase?.();
      return encodePresenceFrame({
        sentAtWallMs: Math.round(this.#clock.wallClockMs()),
        runnerName: options.runnerName,
        ...(options.zone && { zone: options.zone }),
        ...(this.#batteryPercent !== undefined && { batteryPercent: this.#batteryPercent }),
        ...(this.#sensorContact !== undefined && { sensorContact: this.#sensorContact }),
        strapState: this.#strapState,
        ...(phase && { phase }),
        sharing,
      });
    } catch {
      return undefined;
    }
  }

  /**
   * Seals at once, but sends after every message handed in before it: encryptions may finish out of order (Node's
   * and some browsers' WebCrypto run them on a pool of threads), and the therapist must get a runner's readings in
   * the order the strap sent them. Settles once this message is sent or dropped.
   */
  #publish(topic: 'hr' | 'presence', frame: Uint8Array | undefined): Promise<void> {
    const options = this.#options;
    // A frame that could not be made or sealed is counted as dropped, in its turn.
    const sealing = frame ? options.cipher.seal(frame).catch(() => undefined) : Promise.resolve(undefined);
    this.#inOrder = this.#inOrder.then(async () => {
      const sealed = await sealing;
      if (sealed !== undefined && this.#send(topic, sealed)) this.sentCount++;
      else this.droppedCount++;
    });
    return this.#inOrder;
  }

  /** A link that throws (it should not) loses this message, never the ones after it. */
  #send(topic: 'hr' | 'presence', sealed: Uint8Array): boolean {
    const options = this.#options;
    try {
      return options.link.publish(shareSubject(options.groupId, this.runnerShareId, topic), sealed);
    } catch {
      return false;
    }
  }
}

function sharedStrapState(state: ConnectionState): SharedStrapState {
  switch (state.kind) {
    case 'idle':
      return 'idle';
    case 'choosing':
    case 'connecting':
      return 'connecting';
    case 'live':
      return 'live';
    case 'reconnecting':
      return 'reconnecting';
    case 'lost':
      return 'lost';
  }
}
