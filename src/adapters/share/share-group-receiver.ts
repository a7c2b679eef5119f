import { decodeShareFrame } from '../../core/share/share-frames';
import { browserClock, type Clock } from '../heart-rate-source';
import type { ShareCipher } from './share-cipher';
import type { ShareLink } from './share-link';
import { SharedStrapSource } from './shared-strap-source';
import { parseShareSubject, shareGroupSubject } from './share-subjects';

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

  constructor(options: ShareGroupReceiverOptions) {
    this.#options = options;
    this.#clock = options.clock ?? browserClock;
  }

  get counts(): Readonly<ShareGroupCounts> {
    return this.#counts;
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
    let source = this.#sources.get(address.runnerShareId);
    if (frame.kind === 'packet') {
      source?.receivePacket(frame);
      return;
    }
    if (!source) {
      // A last "stopped sharing" from a runner never seen here announces no one.
      if (!frame.sharing) return;
      source = new SharedStrapSource(address.runnerShareId, this.#clock);
      this.#sources.set(address.runnerShareId, source);
      source.receivePresence(frame);
      options.onRunner(source);
      return;
    }
    source.receivePresence(frame);
  }

  #drop(kind: keyof ShareGroupCounts): void {
    this.#counts[kind]++;
    this.#options.onCounts?.({ ...this.#counts });
  }
}
