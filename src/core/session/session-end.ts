import type { SessionEvent, SessionSample } from './session-model';

/** Where a session ends, elapsed ms: the `finished` event's time; without one, the latest sample or event. */
export function sessionEndMs(events: readonly SessionEvent[], samples: readonly SessionSample[]): number {
  let latestMs = samples[samples.length - 1]?.elapsedMs ?? 0;
  for (const event of events) {
    if (event.type === 'finished') return event.elapsedMs;
    latestMs = Math.max(latestMs, event.elapsedMs);
  }
  return latestMs;
}
