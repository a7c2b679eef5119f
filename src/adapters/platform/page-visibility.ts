/** The part of document this needs. */
export interface VisibilityDocument {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface HiddenTimeTrackerOptions {
  /** Called each time the page is visible again, with how long it was hidden. */
  readonly onVisibleAgain: (hiddenMs: number) => void;
  /** Omitted: the page's document. */
  readonly document?: VisibilityDocument;
  /**
   * A monotonic clock in ms (performance.now by default): the wall clock can jump when the phone syncs its time.
   * Caveat: on some phones performance.now does not advance while the whole device sleeps.
   */
  readonly monotonicMs?: () => number;
}

function defaultDocument(): VisibilityDocument | undefined {
  return (globalThis as Partial<typeof globalThis>).document;
}

/**
 * Measures how long the page was hidden (screen locked, another app in front) during a run, so the app can say on
 * return "The app was in the background for 2 minutes": the recording may have gaps the runner should know about.
 */
export class HiddenTimeTracker {
  readonly #onVisibleAgain: (hiddenMs: number) => void;
  readonly #document: VisibilityDocument | undefined;
  readonly #monotonicMs: () => number;
  #hiddenSinceMs: number | undefined;
  #totalHiddenMs = 0;
  #started = false;

  constructor(options: HiddenTimeTrackerOptions) {
    this.#onVisibleAgain = options.onVisibleAgain;
    this.#document = options.document ?? defaultDocument();
    this.#monotonicMs = options.monotonicMs ?? (() => performance.now());
  }

  /** Hidden time of completed spells since start(), not counting one still going on. */
  get totalHiddenMs(): number {
    return this.#totalHiddenMs;
  }

  get hidden(): boolean {
    return this.#hiddenSinceMs !== undefined;
  }

  start(): void {
    if (this.#started || this.#document === undefined) return;
    this.#started = true;
    this.#totalHiddenMs = 0;
    // Started from a page that is already hidden (a run resumed in the background): it has been hidden since now.
    this.#hiddenSinceMs = this.#document.visibilityState === 'hidden' ? this.#monotonicMs() : undefined;
    this.#document.addEventListener('visibilitychange', this.#changed);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#hiddenSinceMs = undefined;
    this.#document?.removeEventListener('visibilitychange', this.#changed);
  }

  readonly #changed = (): void => {
    if (this.#document === undefined) return;
    if (this.#document.visibilityState === 'hidden') {
      // Browsers can repeat the event; the first one marks when it went away.
      this.#hiddenSinceMs ??= this.#monotonicMs();
      return;
    }
    const since = this.#hiddenSinceMs;
    if (since === undefined) return;
    this.#hiddenSinceMs = undefined;
    const hiddenMs = Math.max(0, this.#monotonicMs() - since);
    this.#totalHiddenMs += hiddenMs;
    try {
      this.#onVisibleAgain(hiddenMs);
    } catch {
      // A listener's mistake must not stop the tracking of the next spell.
    }
  };
}
