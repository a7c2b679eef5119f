import type { VisibilityDocument } from './page-visibility';

/** The part of WakeLockSentinel this needs. */
export interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/** The part of navigator.wakeLock this needs. */
export interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export type WakeLockState =
  /** The screen stays on. */
  | 'held'
  /** Wanted, but the page is hidden: taken again when it is visible. */
  | 'waiting-for-visible'
  /** The browser said no (battery saver, a permissions policy); the next time the page is visible tries again. */
  | 'refused'
  /** No Screen Wake Lock API (Firefox before 126, older Safari, an insecure origin). */
  | 'unsupported'
  | 'off';

export interface ScreenWakeLockOptions {
  /** Omitted: navigator.wakeLock; null: a browser without it. */
  readonly wakeLock?: WakeLockLike | null;
  /** Omitted: the page's document. */
  readonly document?: VisibilityDocument;
}

function defaultWakeLock(): WakeLockLike | undefined {
  // Typed as always there, but only secure contexts in recent browsers have it.
  const nav = globalThis.navigator as Partial<Navigator> | undefined;
  return nav?.wakeLock;
}

function defaultDocument(): VisibilityDocument | undefined {
  return (globalThis as Partial<typeof globalThis>).document;
}

/**
 * Keeps the screen on during a run, so the browser keeps the page (and the strap connection) running. Browsers drop
 * the lock whenever the page is hidden, so it is taken again each time the page becomes visible. Never throws.
 */
export class ScreenWakeLock {
  readonly #wakeLock: WakeLockLike | undefined;
  readonly #document: VisibilityDocument | undefined;
  #wanted = false;
  // Counts stop() calls, so a request answered after one can tell that its lock is no longer wanted.
  #stops = 0;
  #sentinel: WakeLockSentinelLike | undefined;
  #request: Promise<void> | undefined;
  #askedAgain = false;
  #refused = false;

  constructor(options: ScreenWakeLockOptions = {}) {
    this.#wakeLock = options.wakeLock === null ? undefined : (options.wakeLock ?? defaultWakeLock());
    this.#document = options.document ?? defaultDocument();
  }

  get state(): WakeLockState {
    if (this.#wakeLock === undefined) return 'unsupported';
    if (!this.#wanted) return 'off';
    if (this.#sentinel !== undefined && !this.#sentinel.released) return 'held';
    if (this.#refused) return 'refused';
    return 'waiting-for-visible';
  }

  /** Takes the lock now (if the page is visible) and again after every return to the page, until stop(). */
  async start(): Promise<WakeLockState> {
    if (this.#wakeLock === undefined) return 'unsupported';
    if (!this.#wanted) {
      this.#wanted = true;
      this.#document?.addEventListener('visibilitychange', this.#visibilityChanged);
    }
    await this.#acquire();
    return this.state;
  }

  async stop(): Promise<void> {
    if (!this.#wanted) return;
    this.#wanted = false;
    this.#stops++;
    this.#refused = false;
    this.#document?.removeEventListener('visibilitychange', this.#visibilityChanged);
    const sentinel = this.#sentinel;
    this.#sentinel = undefined;
    await releaseQuietly(sentinel);
  }

  #acquire(): Promise<void> {
    // One request at a time: a quick hide-show-hide must not end with two sentinels, one of them never released.
    if (this.#request !== undefined) {
      // The page came back while the browser was still answering an earlier request that may have failed.
      this.#askedAgain = true;
      return this.#request;
    }
    this.#request = this.#requestOnce().finally(() => {
      this.#request = undefined;
      if (this.#askedAgain) {
        this.#askedAgain = false;
        void this.#acquire();
      }
    });
    return this.#request;
  }

  async #requestOnce(): Promise<void> {
    const wakeLock = this.#wakeLock;
    if (wakeLock === undefined || !this.#wanted || !this.#visible()) return;
    if (this.#sentinel !== undefined && !this.#sentinel.released) return;
    const stopsBefore = this.#stops;
    try {
      const sentinel = await wakeLock.request('screen');
      // stop() came while the browser was answering; a start() since then asks again for itself.
      if (this.#stops !== stopsBefore) {
        await releaseQuietly(sentinel);
        return;
      }
      this.#refused = false;
      this.#sentinel = sentinel;
      sentinel.addEventListener('release', () => {
        if (this.#sentinel === sentinel) this.#sentinel = undefined;
      });
    } catch {
      // NotAllowedError: battery saver, a permissions policy, or the page went hidden meanwhile.
      this.#refused = true;
    }
  }

  #visible(): boolean {
    return this.#document === undefined || this.#document.visibilityState === 'visible';
  }

  readonly #visibilityChanged = (): void => {
    if (this.#visible()) void this.#acquire();
  };
}

async function releaseQuietly(sentinel: WakeLockSentinelLike | undefined): Promise<void> {
  if (sentinel === undefined || sentinel.released) return;
  try {
    await sentinel.release();
  } catch {
    // Already released by the browser.
  }
}
