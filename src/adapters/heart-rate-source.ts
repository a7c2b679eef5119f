import type { StrapEvent } from '../core/strap/connection-state';

/**
 * The port every strap sits behind: Web Bluetooth, the simulated strap, replay of a recorded packet log, and a
 * runner's strap shared live from their own phone (live share, on the therapist's side).
 * Each instance is one strap; several instances run side by side for a group.
 */
export interface HeartRateSource {
  /** Stable for the strap (the Bluetooth device id, or a fixed id for simulated and replayed straps). */
  readonly id: string;
  readonly kind: 'bluetooth' | 'simulated' | 'replay' | 'shared';
  /** Starts (or, for Bluetooth, asks the user to choose) and resolves once the strap is live or lost. */
  connect(): Promise<void>;
  /** The user's own disconnect: it never reconnects by itself. */
  disconnect(): void;
  /** Every event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StrapEvent) => void): () => void;
}

/** Monotonic and wall clocks, passed in so that timing can be tested. */
export interface Clock {
  monotonicMs(): number;
  wallClockMs(): number;
  setTimeout(callback: () => void, delayMs: number): () => void;
}

export const browserClock: Clock = {
  monotonicMs: () => performance.now(),
  wallClockMs: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    return () => {
      clearTimeout(handle);
    };
  },
};
