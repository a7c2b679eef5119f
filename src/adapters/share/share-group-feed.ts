import type { ShareFrame } from '../../core/share/share-frames';

/** One runner's frame, opened and checked, with the time it reached this device (monotonic, this page's clock). */
export interface OpenedShareFrame {
  runnerShareId: string;
  frame: ShareFrame;
  receivedAtMs: number;
}

export interface ShareGroupCounts {
  /** Messages that did not authenticate under the group's key: dropped; the screen says "cannot read". */
  undecryptable: number;
  /** Messages that authenticated but are no frame of ours, or sit on the wrong subject: dropped. */
  refused: number;
}

/**
 * A share group's messages, opened: frames in batches, in the order they came, and the counts of what was dropped.
 * Opened on the page (ShareGroupOpener) or in a worker (share-group-worker-client.ts), so that the therapist's page
 * does not wake for every message of every runner.
 */
export interface ShareGroupFeed {
  start(
    onFrames: (frames: readonly OpenedShareFrame[]) => void,
    onCounts: (counts: ShareGroupCounts) => void,
  ): void;
  stop(): void;
}
