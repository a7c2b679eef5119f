import { defaultCoachingPreferences } from '../../../src/adapters/storage/preferences-store';
import type { SessionStorage } from '../../../src/adapters/storage/session-storage';
import { RunnerRun, type RunnerRunSetup } from '../../../src/app/runner-run.svelte';
import type { SessionZone } from '../../../src/core/session/session-model';

/** 120..140 bpm: a beat at 130 is in the zone, one at 160 above it. */
export const calmZone: SessionZone = { lowBpm: 120, highBpm: 140, method: 'percent-max' };

/** A runner's run as the app sets one up for a group, with whatever the test changes. */
export function runnerRun(store: SessionStorage, changes: Partial<RunnerRunSetup> = {}): RunnerRun {
  return new RunnerRun(store, {
    runner: { id: 'sam', name: 'Sam' },
    zone: calmZone,
    plan: undefined,
    planRef: undefined,
    before: undefined,
    group: undefined,
    coaching: { ...defaultCoachingPreferences, tones: false, vibration: false },
    locale: () => 'en',
    silentCues: false,
    lockScope: 'session',
    ...changes,
  });
}

/** The run's recorded events of one type, with their details. */
export function eventsOf(run: RunnerRun, type: string): (string | undefined)[] {
  return (run.recording.meta?.events ?? []).filter((event) => event.type === type).map((e) => e.detail);
}
