import { describe, expect, it } from 'vitest';
import {
  lastHeardSecondsAgo,
  MISSED_PRESENCE_LIMIT,
  PRESENCE_INTERVAL_MS,
  sharedRunnerStatus,
  type SharedRunnerHeard,
} from '../../../../src/core/share/share-presence';

const limitMs = MISSED_PRESENCE_LIMIT * PRESENCE_INTERVAL_MS;

function heard(patch: Partial<SharedRunnerHeard>): SharedRunnerHeard {
  return { lastPresenceAtMs: undefined, lastPacketAtMs: undefined, stopped: false, ...patch };
}

describe('sharedRunnerStatus', () => {
  it('is not sharing before anything is heard', () => {
    expect(sharedRunnerStatus(heard({}), 0)).toBe('not-sharing');
    expect(lastHeardSecondsAgo(heard({}), 0)).toBeUndefined();
  });

  it('stays live through three missed presences, and not a moment longer', () => {
    const runner = heard({ lastPresenceAtMs: 1000 });
    expect(PRESENCE_INTERVAL_MS).toBe(5000);
    expect(sharedRunnerStatus(runner, 1000 + limitMs)).toBe('live');
    expect(sharedRunnerStatus(runner, 1000 + limitMs + 1)).toBe('not-sharing');
  });

  it('counts a packet as being heard', () => {
    const runner = heard({ lastPresenceAtMs: 1000, lastPacketAtMs: 14_000 });
    expect(sharedRunnerStatus(runner, 1000 + limitMs + 1)).toBe('live');
    expect(sharedRunnerStatus(runner, 14_000 + limitMs + 1)).toBe('not-sharing');
  });

  it('is not sharing at once when the runner stopped', () => {
    expect(sharedRunnerStatus(heard({ lastPresenceAtMs: 1000, stopped: true }), 1000)).toBe('not-sharing');
  });

  it('tells the whole seconds since the last message of either kind', () => {
    const runner = heard({ lastPresenceAtMs: 1000, lastPacketAtMs: 3000 });
    expect(lastHeardSecondsAgo(runner, 3999)).toBe(0);
    expect(lastHeardSecondsAgo(runner, 15_500)).toBe(12);
  });
});
