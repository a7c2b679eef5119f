/**
 * The breathing pacer's clock: where in a breath the runner is at a moment of the exercise. Pure arithmetic on
 * elapsed milliseconds, so the screen, the tones and the tests all agree on the same breath.
 */

/** Breaths a minute the pacer offers: the slow-breathing range HRV biofeedback works in, in steps of 0.5. */
export const BREATHING_RATES = [4.5, 5, 5.5, 6, 6.5, 7] as const;
export const MIN_BREATHING_RATE = 4.5;
export const MAX_BREATHING_RATE = 7;
/** Six a minute (a 10-s breath) is near most adults' resonance frequency, so it is where everyone starts. */
export const DEFAULT_BREATHING_RATE = 6;

/**
 * Share of each breath spent breathing in. Equal halves, a slightly longer exhale (4:6 at six a minute, as most
 * HRV-biofeedback protocols teach) and an exhale twice as long; the 4:6 default is our choice, not a standard.
 */
export const INHALE_SHARES = [0.5, 0.4, 1 / 3] as const;
export const DEFAULT_INHALE_SHARE = 0.4;

/** Exercise lengths offered, minutes; three minutes before or after a run is the default the method uses. */
export const BREATHING_DURATIONS_MIN = [1, 2, 3, 5, 10, 15, 20] as const;
export const DEFAULT_BREATHING_DURATION_MIN = 3;

/** The rate as the pacer can use it: within 4.5-7 and on the 0.5 grid; anything unreadable is the default. */
export function normaliseBreathingRate(ratePerMinute: number): number {
  if (!Number.isFinite(ratePerMinute)) return DEFAULT_BREATHING_RATE;
  const clamped = Math.min(MAX_BREATHING_RATE, Math.max(MIN_BREATHING_RATE, ratePerMinute));
  return Math.round(clamped * 2) / 2;
}

/** The inhale share as the pacer can use it: within 0.25-0.6 (never a gasp, never a held breath). */
export function normaliseInhaleShare(share: number): number {
  if (!Number.isFinite(share)) return DEFAULT_INHALE_SHARE;
  return Math.min(0.6, Math.max(0.25, share));
}

export function breathDurationMs(ratePerMinute: number): number {
  return 60_000 / ratePerMinute;
}

export type BreathPhase = 'in' | 'out';

/** Where the runner is in the breath at a moment. */
export interface BreathPosition {
  /** Breaths begun before this one (0 for the first). */
  readonly breath: number;
  readonly phase: BreathPhase;
  /** Elapsed ms at which this phase began and how long it lasts. */
  readonly phaseStartMs: number;
  readonly phaseDurationMs: number;
  /** 0 at the start of the phase to 1 at its end. */
  readonly progress: number;
  /**
   * How full the lungs are, 0 (breathed out) to 1 (breathed in): a half-cosine within each phase, so the shape
   * starts and stops gently instead of moving at a constant speed and turning abruptly.
   */
  readonly fullness: number;
}

/** The breath at `elapsedMs` of a pacer started at 0 (negative or unreadable times count as the start). */
export function breathAt(elapsedMs: number, ratePerMinute: number, inhaleShare: number): BreathPosition {
  const periodMs = breathDurationMs(normaliseBreathingRate(ratePerMinute));
  const inhaleMs = periodMs * normaliseInhaleShare(inhaleShare);
  const t = Number.isFinite(elapsedMs) && elapsedMs > 0 ? elapsedMs : 0;
  const breath = Math.floor(t / periodMs);
  const intoBreathMs = t - breath * periodMs;
  const breathStartMs = breath * periodMs;
  if (intoBreathMs < inhaleMs) {
    const progress = intoBreathMs / inhaleMs;
    return {
      breath,
      phase: 'in',
      phaseStartMs: breathStartMs,
      phaseDurationMs: inhaleMs,
      progress,
      fullness: (1 - Math.cos(Math.PI * progress)) / 2,
    };
  }
  const exhaleMs = periodMs - inhaleMs;
  const progress = Math.min(1, (intoBreathMs - inhaleMs) / exhaleMs);
  return {
    breath,
    phase: 'out',
    phaseStartMs: breathStartMs + inhaleMs,
    phaseDurationMs: exhaleMs,
    progress,
    fullness: (1 + Math.cos(Math.PI * progress)) / 2,
  };
}

/** One stretch of the pacer at one rate. */
export interface PacerBlock {
  readonly ratePerMinute: number;
  readonly durationMs: number;
}

/**
 * The resonance-frequency finder's rates, from fast to slow as in Lehrer's assessment (Lehrer, Vaschillo &
 * Vaschillo 2000; Shaffer & Meehan 2020): slowing down step by step is easier than speeding up.
 */
export const RESONANCE_RATES = [6.5, 6, 5.5, 5, 4.5] as const;
/**
 * Two minutes a rate (Shaffer & Meehan 2020 use 2-3): the coherence window is 64 s, so a block leaves about a
 * minute of windows that hold that rate alone. At these rates two minutes is also a whole number of breaths.
 */
export const RESONANCE_BLOCK_MS = 120_000;

/** An exercise at one rate for its whole length. */
export function exerciseSchedule(ratePerMinute: number, durationMs: number): PacerBlock[] {
  return [{ ratePerMinute: normaliseBreathingRate(ratePerMinute), durationMs: Math.max(0, durationMs) }];
}

/** The finder's five blocks. */
export function resonanceSchedule(blockMs: number = RESONANCE_BLOCK_MS): PacerBlock[] {
  return RESONANCE_RATES.map((ratePerMinute) => ({ ratePerMinute, durationMs: blockMs }));
}

export function scheduleDurationMs(schedule: readonly PacerBlock[]): number {
  return schedule.reduce((total, block) => total + block.durationMs, 0);
}

/** Where the pacer is in a schedule. */
export interface SchedulePosition {
  readonly blockIndex: number;
  readonly block: PacerBlock;
  readonly blockStartMs: number;
  /** The breath within the block: each block starts with a fresh in-breath. */
  readonly breath: BreathPosition;
  /** The schedule has run its whole length (the position then stays at the end of the last block). */
  readonly done: boolean;
}

/** The block and breath at `elapsedMs`; undefined for an empty schedule. */
export function scheduleAt(
  schedule: readonly PacerBlock[],
  elapsedMs: number,
  inhaleShare: number,
): SchedulePosition | undefined {
  const last = schedule.length - 1;
  if (last < 0) return undefined;
  const t = Number.isFinite(elapsedMs) && elapsedMs > 0 ? elapsedMs : 0;
  let blockStartMs = 0;
  for (let index = 0; index <= last; index++) {
    const block = schedule[index];
    if (block === undefined) break;
    const endMs = blockStartMs + block.durationMs;
    if (t < endMs || index === last) {
      const intoBlockMs = Math.min(t, endMs) - blockStartMs;
      return {
        blockIndex: index,
        block,
        blockStartMs,
        breath: breathAt(intoBlockMs, block.ratePerMinute, inhaleShare),
        done: t >= endMs,
      };
    }
    blockStartMs = endMs;
  }
  return undefined;
}

/** Index of the block that `elapsedMs` falls in (the last one past the end); -1 for an empty schedule. */
export function blockIndexAt(schedule: readonly PacerBlock[], elapsedMs: number): number {
  let endMs = 0;
  for (let index = 0; index < schedule.length; index++) {
    endMs += schedule[index]?.durationMs ?? 0;
    if (elapsedMs < endMs) return index;
  }
  return schedule.length - 1;
}
