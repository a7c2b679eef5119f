/**
 * Run plans: a session as an ordered list of timed phases. Times are `activeElapsedMs`: milliseconds of the
 * session's active time (pauses excluded), so a paused run resumes in the same phase.
 */

export type PhaseKind = 'warm-up-walk' | 'run' | 'walk' | 'calm-run' | 'cool-down-walk' | 'breathing';

export const PHASE_KINDS: readonly PhaseKind[] = [
  'warm-up-walk',
  'run',
  'walk',
  'calm-run',
  'cool-down-walk',
  'breathing',
];

export interface PlanPhase {
  kind: PhaseKind;
  durationMs: number;
  /**
   * Whether heart-rate zone cues (slow down, back in zone, speed up) are given in this phase. Absent: the kind's
   * default, {@link defaultZoneCues}.
   */
  zoneCues?: boolean;
}

export interface RunPlan {
  id: string;
  name: string;
  phases: readonly PlanPhase[];
}

/**
 * Zone cues by phase kind: on while running ('run', 'calm-run'), off while walking or breathing.
 *
 * Why walks have no zone cues (rather than a walking zone): walking is already the gentlest thing the runner can
 * do, so "slow down" has nothing to ask; after a run interval the heart rate is still above the zone at the start
 * of each walk and falls by itself, so a cue there would only nag at every break; and "speed up" during a walk
 * would contradict the plan. The zone tracker still runs (the summary keeps its times); only the voice is quiet.
 * A therapist can switch cues on for a phase with `zoneCues: true` (e.g. brisk walking for a runner who must not
 * run yet).
 */
export function defaultZoneCues(kind: PhaseKind): boolean {
  return kind === 'run' || kind === 'calm-run';
}

/** Whether zone cues apply in `phase`: its own `zoneCues`, else the kind's default. */
export function phaseUsesZoneCues(phase: PlanPhase): boolean {
  return phase.zoneCues ?? defaultZoneCues(phase.kind);
}

/** Total planned time (ms). */
export function planDurationMs(plan: RunPlan): number {
  let totalMs = 0;
  for (const phase of plan.phases) totalMs += phase.durationMs;
  return totalMs;
}

/** Planned time in phases of the given kinds (ms). */
export function planTimeInKindsMs(plan: RunPlan, kinds: readonly PhaseKind[]): number {
  let totalMs = 0;
  for (const phase of plan.phases) if (kinds.includes(phase.kind)) totalMs += phase.durationMs;
  return totalMs;
}

export type PhasePosition =
  | {
      finished: false;
      /** 0-based index of the current phase. */
      index: number;
      phase: PlanPhase;
      /** Active time at which the phase began and ends (ms). */
      startMs: number;
      endMs: number;
      elapsedInPhaseMs: number;
      remainingMs: number;
      /** The phase after this one; null for the last. */
      next: PlanPhase | null;
    }
  | {
      finished: true;
      /** Equal to the number of phases. */
      index: number;
      totalMs: number;
      /** Active time beyond the plan's end (ms). */
      overMs: number;
    };

/**
 * The phase at `activeElapsedMs`. Phases are half-open intervals [start, end): at the exact end of a phase the
 * next one has begun; at or after the plan's end the position is `finished`. Negative or non-finite times count
 * as 0. Zero-length phases are skipped.
 */
export function phaseAt(plan: RunPlan, activeElapsedMs: number): PhasePosition {
  const t = Number.isFinite(activeElapsedMs) && activeElapsedMs > 0 ? activeElapsedMs : 0;
  let startMs = 0;
  const phases = plan.phases;
  for (let index = 0; index < phases.length; index++) {
    const phase = phases[index];
    if (phase === undefined) continue;
    const endMs = startMs + phase.durationMs;
    if (t < endMs) {
      return {
        finished: false,
        index,
        phase,
        startMs,
        endMs,
        elapsedInPhaseMs: t - startMs,
        remainingMs: endMs - t,
        next: phases[index + 1] ?? null,
      };
    }
    startMs = endMs;
  }
  return { finished: true, index: phases.length, totalMs: startMs, overMs: t - startMs };
}

/** A reason a plan is not usable, as a code with its parameters (the screen words it). */
export type PlanIssue =
  | { code: 'no-phases' }
  | { code: 'bad-duration'; phaseIndex: number }
  | { code: 'unknown-kind'; phaseIndex: number }
  | { code: 'too-long'; totalMs: number };

/** Longest phase and longest plan accepted: generous limits that catch a typo (minutes typed as seconds…). */
export const MAX_PHASE_MS = 3 * 60 * 60_000;
export const MAX_PLAN_MS = 4 * 60 * 60_000;

/**
 * Checks a plan: at least one phase, each of a known kind with a duration of whole seconds, 1 s up to
 * {@link MAX_PHASE_MS}, and a total up to {@link MAX_PLAN_MS}. Returns every issue found; empty when valid.
 */
export function validateRunPlan(plan: RunPlan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (plan.phases.length === 0) issues.push({ code: 'no-phases' });
  plan.phases.forEach((phase, phaseIndex) => {
    if (!PHASE_KINDS.includes(phase.kind)) issues.push({ code: 'unknown-kind', phaseIndex });
    if (!isWholeSecondsDuration(phase.durationMs, MAX_PHASE_MS))
      issues.push({ code: 'bad-duration', phaseIndex });
  });
  const totalMs = planDurationMs(plan);
  if (totalMs > MAX_PLAN_MS) issues.push({ code: 'too-long', totalMs });
  return issues;
}

/** A duration of whole seconds, at least 1 s and at most `maxMs`. */
export function isWholeSecondsDuration(durationMs: number, maxMs: number): boolean {
  return Number.isInteger(durationMs) && durationMs >= 1000 && durationMs <= maxMs && durationMs % 1000 === 0;
}

/** A breathing block before and after a run: a few minutes of paced breathing, part of the running-therapy method. */
export const BREATHING_BLOCK_MS = 3 * 60_000;
/** Marks a plan id whose run has breathing blocks, so course progress knows its planned time is longer. */
export const BREATHING_BLOCKS_SUFFIX = '+breathing';

/**
 * The plan with a breathing block before its first phase and after its last (default 3 minutes each). Breathing
 * phases give no zone cues; the run screen shows the pacer while they last.
 */
export function withBreathingBlocks(plan: RunPlan, blockMs: number = BREATHING_BLOCK_MS): RunPlan {
  const block: PlanPhase = { kind: 'breathing', durationMs: blockMs };
  return { ...plan, id: `${plan.id}${BREATHING_BLOCKS_SUFFIX}`, phases: [block, ...plan.phases, block] };
}
