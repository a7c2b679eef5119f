import { breathAt, DEFAULT_INHALE_SHARE, type BreathPosition } from '../core/breathing/index';
import type { PhasePosition } from '../core/coaching/run-plan';

/**
 * The breath the pacer shows during a run plan's breathing block, at the runner's own pace; undefined outside a
 * breathing block, so the run screen shows the pacer only then.
 */
export function breathInBlock(
  position: PhasePosition | undefined,
  ratePerMinute: number,
): BreathPosition | undefined {
  if (!position || position.finished || position.phase.kind !== 'breathing') return undefined;
  return breathAt(position.elapsedInPhaseMs, ratePerMinute, DEFAULT_INHALE_SHARE);
}
