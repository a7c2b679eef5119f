import type { StrapConnection } from '../../../src/app/strap-connection.svelte';
import type { HeartRateSource } from '../../../src/adapters/heart-rate-source';
import type { StrapEvent, StrapMeasurement } from '../../../src/core';

/**
 * A live strap whose notifications the test sends by hand, stamped with the (possibly fake) clock at sending. It
 * stands in for the StrapConnection the app's state classes follow; only the parts they read are there.
 */
export function manualStrap() {
  const listeners = new Set<(event: StrapEvent) => void>();
  const source: HeartRateSource = {
    id: 'manual',
    kind: 'simulated',
    connect: () => Promise.resolve(),
    disconnect: () => undefined,
    subscribe: (listener) => {
      listeners.add(listener);
      listener({ type: 'state', state: { kind: 'live' } });
      return () => listeners.delete(listener);
    },
  };
  const strap = {
    source,
    state: { kind: 'live' },
    info: { name: 'Manual strap' },
  } as unknown as StrapConnection;
  const send = (packet: Omit<StrapMeasurement, 'receivedAtMs' | 'wallClockMs'>) => {
    const measurement: StrapMeasurement = {
      ...packet,
      receivedAtMs: performance.now(),
      wallClockMs: Date.now(),
    };
    for (const listener of listeners) listener({ type: 'measurement', measurement });
  };
  /** One notification at this heart rate with its one beat. */
  const beat = (heartRateBpm: number) => {
    send({ heartRateBpm, sensorContact: 'contact', rrIntervalsMs: [60_000 / heartRateBpm] });
  };
  return { strap, send, beat };
}
