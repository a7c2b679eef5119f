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
  cipher: Pick<ShareCipher, 'open'>;
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
  /** Settles once every message so far has been opened and handed on (or dropped), in the order they came. */
  #inOrder: Promise<void> = Promise.resolve();
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
        this.#receive(subject, payload);
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

  /**
   * Each message is opened as it comes, but handed on only after every message that came before it: decryptions
   * may finish out of order (Node's and some browsers' WebCrypto run them on a pool of threads), and a runner's
   * readings must reach the zone tracker and the recorder in the order they were sent.
   */
  #receive(subject: string, payload: Uint8Array): void {
    const receivedAtMs = this.#clock.monotonicMs();
    const address = parseShareSubject(this.#options.groupId, subject);
    if (!address) {
      this.#drop('refused');
      return;
    }
    const opening = this.#options.cipher.open(payload);
    this.#inOrder = this.#inOrder.then(async () => {
      const plaintext = await opening;
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
      this.#handOn({ runnerShareId: address.runnerShareId, frame, receivedAtMs });
    });
  }

  #handOn(opened: OpenedShareFrame): void {
    if (this.#unsubscribe === undefined) return;
    const intervalMs = this.#options.deliveryIntervalMs ?? DELIVERY_INTERVAL_MS;
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
