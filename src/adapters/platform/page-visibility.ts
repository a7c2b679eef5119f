import { checkMonotonicStall, type ClockReading } from '../../core/session/monotonic-stall';

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
   * On some phones performance.now does not advance while the whole device sleeps: it is cross-checked with
   * `wallClockMs` (see checkMonotonicStall), so a pocketed phone's ten minutes are not told as two.
   */
  readonly monotonicMs?: () => number;
  /** The wall clock in ms (Date.now by default). */
  readonly wallClockMs?: () => number;
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
  readonly #wallClockMs: () => number;
  #hiddenSince: ClockReading | undefined;
  #totalHiddenMs = 0;
  #started = false;

  constructor(options: HiddenTimeTrackerOptions) {
    this.#onVisibleAgain = options.onVisibleAgain;
    this.#document = options.document ?? defaultDocument();
    this.#monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.#wallClockMs = options.wallClockMs ?? (() => Date.now());
  }

  /** Hidden time of completed spells since start(), not counting one still going on. */
  get totalHiddenMs(): number {
    return this.#totalHiddenMs;
  }

  get hidden(): boolean {
    return this.#hiddenSince !== undefined;
  }

  start(): void {
    if (this.#started || this.#document === undefined) return;
    this.#started = true;
    this.#totalHiddenMs = 0;
    // Started from a page that is already hidden (a run resumed in the background): it has been hidden since now.
    this.#hiddenSince = this.#document.visibilityState === 'hidden' ? this.#read() : undefined;
    this.#document.addEventListener('visibilitychange', this.#changed);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#hiddenSince = undefined;
    this.#document?.removeEventListener('visibilitychange', this.#changed);
  }

  readonly #changed = (): void => {
    if (this.#document === undefined) return;
    if (this.#document.visibilityState === 'hidden') {
      // Browsers can repeat the event; the first one marks when it went away.
      this.#hiddenSince ??= this.#read();
      return;
    }
    const since = this.#hiddenSince;
    if (since === undefined) return;
    this.#hiddenSince = undefined;
    const now = this.#read();
    const hiddenMs =
      Math.max(0, now.monotonicMs - since.monotonicMs) + checkMonotonicStall(since, now).missedMs;
    this.#totalHiddenMs += hiddenMs;
    try {
      this.#onVisibleAgain(hiddenMs);
    } catch {
      // A listener's mistake must not stop the tracking of the next spell.
    }
  };

  #read(): ClockReading {
    return { monotonicMs: this.#monotonicMs(), wallClockMs: this.#wallClockMs() };
  }
}
