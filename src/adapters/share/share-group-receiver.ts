import type { ShareFrame } from '../../core/share/share-frames';
import { browserClock, type Clock } from '../heart-rate-source';
import type { ShareCipher } from './share-cipher';
import type { OpenedShareFrame, ShareGroupCounts, ShareGroupFeed } from './share-group-feed';
import { ShareGroupOpener } from './share-group-opener';
import type { ShareLink } from './share-link';
import { SharedStrapSource } from './shared-strap-source';

export type { ShareGroupCounts } from './share-group-feed';
export { DELIVERY_INTERVAL_MS } from './share-group-opener';

/** Where the opened frames come from: a feed (a worker's), or a link and key to open them here. */
export type ShareGroupSource =
  | { feed: ShareGroupFeed }
  | {
      link: ShareLink;
      cipher: ShareCipher;
      groupId: string;
      /** How long opened frames are held to be handed on together; 0 hands each on at once. */
      deliveryIntervalMs?: number;
    };

export type ShareGroupReceiverOptions = ShareGroupSource & {
  /** A runner's first presence: a new shared strap to follow. */
  onRunner: (source: SharedStrapSource) => void;
  /** Whenever a message is dropped. */
  onCounts?: (counts: ShareGroupCounts) => void;
  clock?: Clock;
};

/**
 * The therapist's side of one share group: every runner's opened frames handed to that runner's SharedStrapSource.
 * A runner appears with their first presence (which carries their name and zone); a packet from a runner not yet
 * announced waits for nothing: it is live data, and the next presence comes within seconds.
 */
export class ShareGroupReceiver {
  readonly #options: ShareGroupReceiverOptions;
  readonly #clock: Clock;
  readonly #feed: ShareGroupFeed;
  /** Set when the frames are opened here rather than in a worker. */
  readonly #opener: ShareGroupOpener | undefined;
  readonly #sources = new Map<string, SharedStrapSource>();
  #counts: ShareGroupCounts = { undecryptable: 0, refused: 0 };
  #started = false;

  constructor(options: ShareGroupReceiverOptions) {
    this.#options = options;
    this.#clock = options.clock ?? browserClock;
    if ('feed' in options) {
      this.#feed = options.feed;
    } else {
      this.#opener = new ShareGroupOpener({
        link: options.link,
        cipher: options.cipher,
        groupId: options.groupId,
        clock: this.#clock,
        ...(options.deliveryIntervalMs !== undefined && { deliveryIntervalMs: options.deliveryIntervalMs }),
      });
      this.#feed = this.#opener;
    }
  }

  get counts(): Readonly<ShareGroupCounts> {
    return this.#counts;
  }

  /** Frames opened here and waiting for the next hand-over. */
  get heldCount(): number {
    return this.#opener?.heldCount ?? 0;
  }

  get sources(): SharedStrapSource[] {
    return [...this.#sources.values()];
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#feed.start(
      (frames) => {
        this.#deliver(frames);
      },
      (counts) => {
        this.#counts = counts;
        this.#options.onCounts?.({ ...counts });
      },
    );
  }

  stop(): void {
    this.#started = false;
    this.#feed.stop();
    for (const source of this.#sources.values()) source.disconnect();
  }

  /** A batch of frames, in the order they came, each with the time it came. */
  #deliver(frames: readonly OpenedShareFrame[]): void {
    for (const { runnerShareId, frame, receivedAtMs } of frames) {
      this.#deliverOne(runnerShareId, frame, receivedAtMs);
    }
  }

  #deliverOne(runnerShareId: string, frame: ShareFrame, receivedAtMs: number): void {
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
}
