import type { SessionPlanRef } from '../session/session-model';
import { normaliseBreathingRate, normaliseInhaleShare } from './pacer';

/** A paced exercise at one rate, or the resonance-frequency finder's five blocks. */
export type BreathingMode = 'exercise' | 'resonance';

/**
 * How an exercise's pace is stored: in the session's plan reference, which the history list keeps too, so the
 * pace of every exercise is known without loading its samples. `breathing:6:40` is 6 breaths a minute breathing in
 * for 40 % of each breath; `breathing-resonance:40` is the finder (its rates are the fixed schedule, and each
 * block's start is also recorded as a `mark` event, see {@link resonanceBlockLabel}). Ids keep to the characters
 * the backup format allows in ids (letters, digits, . _ : -). The name is a plain English description for files
 * exported elsewhere; the app itself shows its own words from the id.
 */
export const BREATHING_PLAN_ID = 'breathing';
export const RESONANCE_PLAN_ID = 'breathing-resonance';

export interface StoredBreathingPace {
  readonly mode: BreathingMode;
  /** Undefined for the finder, whose rate changes block by block. */
  readonly ratePerMinute: number | undefined;
  readonly inhalePct: number;
}

export function breathingPlanRef(
  mode: BreathingMode,
  ratePerMinute: number,
  inhaleShare: number,
): SessionPlanRef {
  const inhalePct = Math.round(normaliseInhaleShare(inhaleShare) * 100);
  if (mode === 'resonance') {
    return { planId: `${RESONANCE_PLAN_ID}:${inhalePct}`, name: 'Resonance breathing finder' };
  }
  const rate = normaliseBreathingRate(ratePerMinute);
  return {
    planId: `${BREATHING_PLAN_ID}:${rate}:${inhalePct}`,
    name: `Paced breathing, ${rate} breaths/min, in ${inhalePct} %`,
  };
}

/** The pace an exercise was stored with; undefined for any other plan. */
export function breathingPaceOf(plan: SessionPlanRef | undefined): StoredBreathingPace | undefined {
  if (!plan) return undefined;
  const [id, first, second] = plan.planId.split(':');
  if (id === RESONANCE_PLAN_ID) {
    const inhalePct = Number(first);
    return Number.isFinite(inhalePct)
      ? { mode: 'resonance', ratePerMinute: undefined, inhalePct }
      : undefined;
  }
  if (id !== BREATHING_PLAN_ID) return undefined;
  const rate = Number(first);
  const inhalePct = Number(second);
  if (!Number.isFinite(rate) || !Number.isFinite(inhalePct)) return undefined;
  return { mode: 'exercise', ratePerMinute: rate, inhalePct };
}

/** The `mark` event's detail at the start of a finder block: `pace:6.5`. */
export function resonanceBlockLabel(ratePerMinute: number): string {
  return `pace:${ratePerMinute}`;
}
