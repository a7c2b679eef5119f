/**
 * One timer for everything that looks at the clock once a second: the screen's clock, each runner's coach, each
 * recording's chunk check, the group's tile order. Each timer task of its own wakes the page and may draw a frame of
 * its own; with 50 runners on the therapist's screen that was over a hundred a second, now it is one.
 */
export class SecondTicker {
  readonly #intervalMs: number;
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(intervalMs = 1000) {
    this.#intervalMs = intervalMs;
  }

  /** Calls `listener` every interval from now on, until the returned function is called. */
  add(listener: () => void): () => void {
    const entry = () => {
      listener();
    };
    this.#listeners.add(entry);
    this.#timer ??= setInterval(() => {
      this.#tick();
    }, this.#intervalMs);
    return () => {
      this.#listeners.delete(entry);
      if (this.#listeners.size > 0) return;
      clearInterval(this.#timer);
      this.#timer = undefined;
    };
  }

  #tick(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        // One listener's fault must not silence the others' clocks; it is still reported as uncaught.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
