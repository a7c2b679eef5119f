import type { InterruptedSession } from '../adapters/storage/session-storage';

/**
 * A run a reload, a crash or a closed tab cut off, as home and the run screens offer it (carry on or finish): the
 * session of a solo run, or every runner's session of a group run.
 */
export type InterruptedRun = readonly InterruptedSession[];

/** How much of it is stored, in whole minutes (rounded), for "You had run 12 minutes": the longest runner's. */
export function interruptedRunMinutes(run: InterruptedRun): number {
  return Math.round(Math.max(0, ...run.map((session) => session.lastElapsedMs ?? 0)) / 60_000);
}

/**
 * Whether it can be carried on: only a run. A breathing exercise or a resting check lasts minutes, so one cut off is
 * finished where it stopped.
 */
export function canCarryOn(run: InterruptedRun): boolean {
  return run.length > 0 && run.every((session) => session.meta.kind === 'run');
}

/** Whether it was a therapist's group run (even one whose other runners had already finished). */
export function isGroupRun(run: InterruptedRun): boolean {
  return run.length > 1 || run[0]?.meta.group !== undefined;
}
