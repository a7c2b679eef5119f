import { decodeShareFrame } from '../../core/share/share-frames';
import { browserClock, type Clock } from '../heart-rate-source';
import type { ShareCipher } from './share-cipher';
import type { OpenedShareFrame, ShareGroupCounts, ShareGroupFeed } from './share-group-feed';
import type { ShareLink } from './share-link';
import { parseShareSubject, shareGroupSubject } from './share-subjects';

/**
 * Opened frames are handed on together, at most this long after they came: each hand-over changes the screen once,
 * so with 50 runners sharing (50 packets a second, each its own task) the therapist's page draws about 10 frames a
 * second instead of 50. Well inside "live": a tile shows a packet at most this much later, and every packet keeps
 * the time it came (zone tracker, recorder and "last heard" count from that).
 */
export const DELIVERY_INTERVAL_MS = 100;

export interface ShareGroupOpenerOptions {
  link: ShareLink;
  cipher: ShareCipher;
  groupId: string;
  clock?: Clock;
  /** How long opened frames are held to be handed on together; 0 hands each on at once. */
  deliveryIntervalMs?: number;
}

/**
 * One subscription to every runner's subjects of a share group: each message checked against its subject, opened
 * with the group key, decoded, and handed on in batches. What does not authenticate or is no frame of ours is
 * dropped and counted.
 */
export class ShareGroupOpener implements ShareGroupFeed {
  readonly #options: ShareGroupOpenerOptions;
  readonly #clock: Clock;
  readonly #counts: ShareGroupCounts = { undecryptable: 0, refused: 0 };
  #unsubscribe: (() => void) | undefined;
  /** Frames opened since the last hand-over (see DELIVERY_INTERVAL_MS). */
  readonly #held: OpenedShareFrame[] = [];
  #cancelDelivery: (() => void) | undefined;
  #onFrames: (frames: readonly OpenedShareFrame[]) => void = () => undefined;
  #onCounts: (counts: ShareGroupCounts) => void = () => undefined;

  constructor(options: ShareGroupOpenerOptions) {
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

  start(
    onFrames: (frames: readonly OpenedShareFrame[]) => void,
    onCounts: (counts: ShareGroupCounts) => void,
  ): void {
    this.#onFrames = onFrames;
    this.#onCounts = onCounts;
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
    this.#onFrames = () => undefined;
    this.#onCounts = () => undefined;
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
    if (this.#unsubscribe === undefined) return;
    const opened = { runnerShareId: address.runnerShareId, frame, receivedAtMs: this.#clock.monotonicMs() };
    const intervalMs = options.deliveryIntervalMs ?? DELIVERY_INTERVAL_MS;
    if (intervalMs <= 0) {
      this.#onFrames([opened]);
      return;
    }
    this.#held.push(opened);
    this.#cancelDelivery ??= this.#clock.setTimeout(() => {
      this.#cancelDelivery = undefined;
      this.#onFrames(this.#held.splice(0));
    }, intervalMs);
  }

  #drop(kind: keyof ShareGroupCounts): void {
    this.#counts[kind]++;
    this.#onCounts({ ...this.#counts });
  }
}
