import type { Clock } from '../../../src/adapters/heart-rate-source';

interface PendingTimer {
  id: number;
  dueMs: number;
  callback: () => void;
}

/**
 * A manual Clock for tests: time moves only through advance(), which fires due timers in due order (ties in the
 * order they were set), each with the clock standing at its due time, including timers set by those callbacks.
 */
export class FakeClock implements Clock {
  readonly #timers = new Map<number, PendingTimer>();
  readonly #wallClockOffsetMs: number;
  #nowMs: number;
  #nextId = 1;

  constructor(options: { startMs?: number; wallClockStartMs?: number } = {}) {
    this.#nowMs = options.startMs ?? 0;
    this.#wallClockOffsetMs = (options.wallClockStartMs ?? 1_700_000_000_000) - this.#nowMs;
  }

  monotonicMs(): number {
    return this.#nowMs;
  }

  wallClockMs(): number {
    return this.#wallClockOffsetMs + this.#nowMs;
  }

  setTimeout(callback: () => void, delayMs: number): () => void {
    const id = this.#nextId++;
    // As in browsers, a negative or invalid delay means "as soon as possible".
    const safeDelayMs = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    this.#timers.set(id, { id, dueMs: this.#nowMs + safeDelayMs, callback });
    return () => {
      this.#timers.delete(id);
    };
  }

  get pendingTimerCount(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('a fake clock only moves forward');
    const targetMs = this.#nowMs + ms;
    for (let timer = this.#nextDue(targetMs); timer; timer = this.#nextDue(targetMs)) {
      this.#timers.delete(timer.id);
      this.#nowMs = timer.dueMs;
      timer.callback();
    }
    this.#nowMs = targetMs;
  }

  /** Advances to the next pending timer and fires it (and any others due then); false when none is pending. */
  advanceToNextTimer(): boolean {
    const next = this.#nextDue(Infinity);
    if (!next) return false;
    this.advance(next.dueMs - this.#nowMs);
    return true;
  }

  #nextDue(limitMs: number): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.dueMs > limitMs) continue;
      if (!earliest || timer.dueMs < earliest.dueMs) earliest = timer;
    }
    return earliest;
  }
}
