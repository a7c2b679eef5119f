/**
 * What the cue outputs can say, tone or vibrate. The cue decisions in core/coaching produce these; this copy of the
 * shape keeps the adapters free of core imports until the two are reconciled.
 */

/** The phases of a run plan that get announced when they start. */
export type PlanPhase = 'run' | 'walk' | 'warm-up-walk' | 'calm-run' | 'cool-down-walk' | 'breathing';

/** The numbers each cue carries, by cue id. */
export interface SpokenCueParameters {
  'slow-down': object;
  'back-in-zone': object;
  'speed-up': object;
  'contact-lost': object;
  'contact-restored': object;
  /** `durationMs` is the length of the phase that starts now; 0 or Infinity when it has no set length. */
  'phase-change': { readonly phase: PlanPhase; readonly durationMs: number };
  /** `heartRateBpm` is null when there is no reading at this moment. */
  status: { readonly elapsedMs: number; readonly heartRateBpm: number | null };
  /** The plan's last phase has ended. */
  'plan-complete': object;
  /** The settings' test button. */
  test: object;
  /** The page was hidden (phone locked, another app) and is visible again; not from core/coaching. */
  'was-in-background': { readonly hiddenMs: number };
  /** On the therapist's device in a group run: a runner's tile rose for attention; not from core/coaching. */
  'group-attention': object;
}

export type SpokenCueId = keyof SpokenCueParameters;

/**
 * The cue with id `Id`. Written as a mapped type indexed by `Id` so that a table keyed by id can be called with a
 * cue of the same id without a cast (TypeScript's correlated-union pattern).
 */
export type SpokenCueOf<Id extends SpokenCueId> = {
  [P in Id]: { readonly id: P } & SpokenCueParameters[P];
}[Id];

export type SpokenCue = SpokenCueOf<SpokenCueId>;

// A Record, so adding a cue id to SpokenCueParameters fails to compile until it is listed here too.
const everyId: Record<SpokenCueId, true> = {
  'slow-down': true,
  'back-in-zone': true,
  'speed-up': true,
  'contact-lost': true,
  'contact-restored': true,
  'phase-change': true,
  status: true,
  'plan-complete': true,
  test: true,
  'was-in-background': true,
  'group-attention': true,
};

export const spokenCueIds = Object.keys(everyId) as readonly SpokenCueId[];

const everyPhase: Record<PlanPhase, true> = {
  'warm-up-walk': true,
  run: true,
  walk: true,
  'calm-run': true,
  'cool-down-walk': true,
  breathing: true,
};

export const planPhases = Object.keys(everyPhase) as readonly PlanPhase[];
