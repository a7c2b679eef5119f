import { decodeShareFrame, type ShareFrame } from '../../core/share/share-frames';
import { browserClock, type Clock } from '../heart-rate-source';
import type { ShareCipher } from './share-cipher';
import type { ShareLink } from './share-link';
import { SharedStrapSource } from './shared-strap-source';
import { parseShareSubject, shareGroupSubject } from './share-subjects';

/**
 * Opened frames are handed to their runners together, at most this long after they came: each hand-over changes
 * the screen once, so with 50 runners sharing (50 packets a second, each its own task) the therapist's page draws
 * about 10 frames a second instead of 50. Well inside "live": a tile shows a packet at most this much later, and
 * every packet keeps the time it came (zone tracker, recorder and "last heard" count from that).
 */
export const DELIVERY_INTERVAL_MS = 100;

export interface ShareGroupCounts {
  /** Messages that did not authenticate under the group's key: dropped; the screen says "cannot read". */
  undecryptable: number;
  /** Messages that authenticated but are no frame of ours, or sit on the wrong subject: dropped. */
  refused: number;
}

export interface ShareGroupReceiverOptions {
  link: ShareLink;
  cipher: ShareCipher;
  groupId: string;
  /** A runner's first presence: a new shared strap to follow. */
  onRunner: (source: SharedStrapSource) => void;
  /** Whenever a message is dropped. */
  onCounts?: (counts: ShareGroupCounts) => void;
  clock?: Clock;
  /** How long opened frames are held to be handed on together; 0 hands each on at once. */
  deliveryIntervalMs?: number;
}

/**
 * The therapist's side of one share group: one subscription to every runner's subjects, each message opened with
 * the group key and handed to that runner's SharedStrapSource. A runner appears with their first presence (which
 * carries their name and zone); a packet from a runner not yet announced waits for nothing: it is live data, and
 * the next presence comes within seconds.
 */
export class ShareGroupReceiver {
  readonly #options: ShareGroupReceiverOptions;
  readonly #clock: Clock;
  readonly #sources = new Map<string, SharedStrapSource>();
  readonly #counts: ShareGroupCounts = { undecryptable: 0, refused: 0 };
  #unsubscribe: (() => void) | undefined;
  /** Frames opened since the last delivery, handed on together (see DELIVERY_INTERVAL_MS). */
  readonly #held: { runnerShareId: string; frame: ShareFrame; receivedAtMs: number }[] = [];
  #cancelDelivery: (() => void) | undefined;

  constructor(options: ShareGroupReceiverOptions) {
    this.#options = options;
    this.#clock = options.clock ?? browserClock;
  }

  get counts(): Readonly<ShareGroupCounts> {
    return this.#counts;
  }

  /** Frames opened and waiting for the next hand-over. */
  get heldCount(): number {
    return this.#held.length;
  }

  get sources(): SharedStrapSource[] {
    return [...this.#sources.values()];
  }

  start(): void {
    this.#unsubscribe ??= this.#options.link.subscribe(
      shareGroupSubject(this.#options.groupId),
      (subject, payload) => {
        void this.#receive(subject, payload);
      },
    );
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#cancelDelivery?.();
    this.#cancelDelivery = undefined;
    this.#held.length = 0;
    for (const source of this.#sources.values()) source.disconnect();
  }

  async #receive(subject: string, payload: Uint8Array): Promise<void> {
    const options = this.#options;
    const address = parseShareSubject(options.groupId, subject);
    if (!address) {
      this.#drop('refused');
      return;
    }
    const plaintext = await options.cipher.open(payload);
    if (!plaintext) {
      this.#drop('undecryptable');
      return;
    }
    const decoded = decodeShareFrame(plaintext);
    if (!decoded.ok) {
      this.#drop('refused');
      return;
    }
    const frame = decoded.frame;
    if ((frame.kind === 'packet') !== (address.topic === 'hr')) {
      this.#drop('refused');
      return;
    }
    const receivedAtMs = this.#clock.monotonicMs();
    const intervalMs = options.deliveryIntervalMs ?? DELIVERY_INTERVAL_MS;
    if (intervalMs <= 0) {
      this.#deliver(address.runnerShareId, frame, receivedAtMs);
      return;
    }
    this.#held.push({ runnerShareId: address.runnerShareId, frame, receivedAtMs });
    this.#cancelDelivery ??= this.#clock.setTimeout(() => {
      this.#deliverHeld();
    }, intervalMs);
  }

  /** Every frame held since the last delivery, in the order they came, each with the time it came. */
  #deliverHeld(): void {
    this.#cancelDelivery = undefined;
    for (const { runnerShareId, frame, receivedAtMs } of this.#held.splice(0)) {
      this.#deliver(runnerShareId, frame, receivedAtMs);
    }
  }

  #deliver(runnerShareId: string, frame: ShareFrame, receivedAtMs: number): void {
    let source = this.#sources.get(runnerShareId);
    if (frame.kind === 'packet') {
      source?.receivePacket(frame, receivedAtMs);
      return;
    }
    if (!source) {
      // A last "stopped sharing" from a runner never seen here announces no one.
      if (!frame.sharing) return;
      source = new SharedStrapSource(runnerShareId, this.#clock);
      this.#sources.set(runnerShareId, source);
      source.receivePresence(frame, receivedAtMs);
      this.#options.onRunner(source);
      return;
    }
    source.receivePresence(frame, receivedAtMs);
  }

  #drop(kind: keyof ShareGroupCounts): void {
    this.#counts[kind]++;
    this.#options.onCounts?.({ ...this.#counts });
  }
}
