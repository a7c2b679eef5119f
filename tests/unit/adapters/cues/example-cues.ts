import type { SpokenCueId, SpokenCueOf } from '../../../../src/adapters/cues/playable-cue';

// One complete cue per id, as core/coaching decides them (and the settings' test and the page's return from the
// background): the outputs are tested with the very shape the coach hands them.
const examples: { [Id in SpokenCueId]: SpokenCueOf<Id> } = {
  'slow-down': { id: 'slow-down', atMs: 600_000, heartRateBpm: 142, highBpm: 138 },
  'back-in-zone': { id: 'back-in-zone', atMs: 660_000, heartRateBpm: 134 },
  'speed-up': { id: 'speed-up', atMs: 600_000, heartRateBpm: 112, lowBpm: 118 },
  'contact-lost': { id: 'contact-lost', atMs: 600_000 },
  'contact-restored': { id: 'contact-restored', atMs: 615_000, awayMs: 15_000 },
  'phase-change': {
    id: 'phase-change',
    atMs: 300_000,
    phase: 'run',
    phaseIndex: 1,
    durationMs: 120_000,
    remainingMs: 120_000,
    next: 'walk',
  },
  status: { id: 'status', atMs: 600_000, elapsedMs: 600_000, heartRateBpm: 131 },
  'plan-complete': { id: 'plan-complete', atMs: 1_800_000 },
  test: { id: 'test' },
  'was-in-background': { id: 'was-in-background', hiddenMs: 120_000 },
  'group-attention': { id: 'group-attention' },
};

/** A complete cue with this id, a fresh object each call, with `fields` in place of the example's. */
export function exampleCue<Id extends SpokenCueId>(
  id: Id,
  fields: Partial<SpokenCueOf<Id>> = {},
): SpokenCueOf<Id> {
  return { ...examples[id], ...fields };
}
