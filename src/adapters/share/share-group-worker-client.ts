import type { OpenedShareFrame, ShareGroupCounts, ShareGroupFeed } from './share-group-feed';
import type { WorkerLike } from '../platform/worker-port';
import type { ShareGroupReport, ShareGroupRequest } from './share-group-messages';
import type { ShareLinkState, ShareLinkStatus } from './share-link';

/** The share group's worker as the page holds it. */
export type ShareGroupWorkerLike = WorkerLike<ShareGroupRequest, ShareGroupReport>;

export interface ShareGroupWorkerOptions {
  serverUrl: string;
  user?: string;
  password?: string;
  name: string;
  groupId: string;
  keyBytes: Uint8Array;
  /** Tests pass a fake; the app starts share-group-worker.ts. */
  startWorker?: () => ShareGroupWorkerLike;
}

/** How long closing waits for the worker to let the server go before it is stopped anyway. */
const closeLimitMs = 1500;

function startShareGroupWorker(): ShareGroupWorkerLike {
  return new Worker(new URL('./share-group-worker.ts', import.meta.url), {
    type: 'module',
    name: 'calm-run-share-group',
  });
}

/**
 * A share group followed from a worker (share-group-service.ts): the link's state and the opened frames, each with
 * the time it came on this page's clock. The key goes to the worker once; the server never sees it.
 */
export class ShareGroupWorker implements ShareGroupFeed, ShareLinkStatus {
  #state: ShareLinkState = 'connecting';
  readonly #worker: ShareGroupWorkerLike;
  readonly #stateListeners = new Set<(state: ShareLinkState) => void>();
  #onFrames: ((frames: readonly OpenedShareFrame[]) => void) | undefined;
  #onCounts: ((counts: ShareGroupCounts) => void) | undefined;
  #closed: Promise<void> | undefined;
  #resolveClosed: (() => void) | undefined;

  constructor(options: ShareGroupWorkerOptions) {
    const { startWorker = startShareGroupWorker, ...open } = options;
    this.#worker = startWorker();
    this.#worker.addEventListener('message', (event) => {
      this.#report(event.data);
    });
    // A worker that cannot start (or fails) leaves no connection: say so rather than "connecting" for ever.
    this.#worker.addEventListener('error', () => {
      this.#setState('closed');
      this.#resolveClosed?.();
    });
    this.#worker.postMessage({ type: 'open', ...open });
  }

  get state(): ShareLinkState {
    return this.#state;
  }

  onState(listener: (state: ShareLinkState) => void): () => void {
    this.#stateListeners.add(listener);
    listener(this.#state);
    return () => this.#stateListeners.delete(listener);
  }

  start(
    onFrames: (frames: readonly OpenedShareFrame[]) => void,
    onCounts: (counts: ShareGroupCounts) => void,
  ): void {
    this.#onFrames = onFrames;
    this.#onCounts = onCounts;
  }

  stop(): void {
    this.#onFrames = undefined;
    this.#onCounts = undefined;
  }

  /** Lets the server go (the worker closes its connection), then stops the worker. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#resolveClosed = resolve;
      this.stop();
      this.#worker.postMessage({ type: 'close' });
      setTimeout(resolve, closeLimitMs);
    }).then(() => {
      this.#worker.terminate();
      this.#setState('closed');
    });
    return this.#closed;
  }

  #report(report: ShareGroupReport): void {
    switch (report.type) {
      case 'state':
        if (this.#closed === undefined) this.#setState(report.state);
        return;
      case 'frames': {
        const origin = performance.timeOrigin;
        this.#onFrames?.(
          report.frames.map(({ runnerShareId, frame, receivedAtOriginMs }) => ({
            runnerShareId,
            frame,
            receivedAtMs: receivedAtOriginMs - origin,
          })),
        );
        return;
      }
      case 'counts':
        this.#onCounts?.(report.counts);
        return;
      case 'closed':
        this.#resolveClosed?.();
        return;
    }
  }

  #setState(state: ShareLinkState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
