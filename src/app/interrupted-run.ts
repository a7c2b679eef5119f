import type { InterruptedSession } from '../adapters/storage/session-storage';

/** A session a reload, a crash or a closed tab cut off, as home and the run screen offer it: carry on or finish. */
export type InterruptedRun = InterruptedSession;

/** How much of it is stored, in whole minutes (rounded), for "You had run 12 minutes". */
export function interruptedRunMinutes(run: InterruptedRun): number {
  return Math.round((run.lastElapsedMs ?? 0) / 60_000);
}

/** Whether it can be carried on: a breathing exercise lasts minutes, so one cut off is finished where it stopped. */
export function canCarryOn(run: InterruptedRun): boolean {
  return run.meta.kind !== 'breathing';
}
