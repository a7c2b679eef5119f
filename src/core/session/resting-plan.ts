import type { RestingCheckMinutes, SessionPlanRef } from './session-model';

/** The resting check's lengths, minutes: 2 for a quick check, 5 as Task Force 1996 recommends for short-term HRV. */
export const RESTING_CHECK_MINUTES: readonly RestingCheckMinutes[] = [2, 5];
export const DEFAULT_RESTING_CHECK_MINUTES: RestingCheckMinutes = 2;

/**
 * How a resting check's setup is stored: in the session's plan reference, as a breathing exercise's pace is
 * (core/breathing/breathing-plan), so the summary builder and history know it without any other field.
 * `resting:2:0` is 2 minutes breathing freely; `resting:5:6` is 5 minutes with the pacer at 6 breaths a minute.
 * Ids keep to the characters the backup format allows in ids; the name is plain English for files sent elsewhere.
 */
export const RESTING_PLAN_ID = 'resting';

export interface RestingPlan {
  readonly minutes: RestingCheckMinutes;
  /** Undefined when breathing freely. */
  readonly breathingRatePerMinute: number | undefined;
}

export function restingPlanRef(plan: RestingPlan): SessionPlanRef {
  const rate = plan.breathingRatePerMinute;
  return {
    planId: `${RESTING_PLAN_ID}:${plan.minutes}:${rate ?? 0}`,
    name:
      rate === undefined
        ? `Resting HRV check, ${plan.minutes} min`
        : `Resting HRV check, ${plan.minutes} min, paced at ${rate} breaths/min`,
  };
}

/** The resting check a plan reference describes; undefined for any other plan. */
export function restingPlanOf(plan: SessionPlanRef | undefined): RestingPlan | undefined {
  if (!plan) return undefined;
  const [id, minutesText, rateText] = plan.planId.split(':');
  if (id !== RESTING_PLAN_ID) return undefined;
  const minutes = RESTING_CHECK_MINUTES.find((choice) => String(choice) === minutesText);
  const rate = Number(rateText);
  if (minutes === undefined || !Number.isFinite(rate)) return undefined;
  if (rate === 0) return { minutes, breathingRatePerMinute: undefined };
  // A pace nobody breathes at is not a resting plan (the backup format holds 1 to 30 a minute).
  if (rate < 1 || rate > 30) return undefined;
  return { minutes, breathingRatePerMinute: rate };
}
