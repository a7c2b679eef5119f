import { coursePlanFor, withBreathingBlocks, type Course, type RunPlan } from '../core/coaching/index';
import type { SessionPlanRef, SessionZone } from '../core/session/session-model';
import { defaultCalmZone } from '../core/zones/zone-models';
import type { RunnerProfile } from '../core/zones/runner-profile';

/** What the runner chose to do today: a run of the course, or a free calm run without phases. */
export type RunChoice =
  { kind: 'course'; week: number; run: number; breathingBlocks?: boolean } | { kind: 'free' };

export function plannedRun(
  choice: RunChoice,
  course: Course,
): { plan: RunPlan; ref: SessionPlanRef } | undefined {
  if (choice.kind === 'free') return undefined;
  const coursePlan = coursePlanFor(course, choice.week, choice.run);
  if (!coursePlan) return undefined;
  const plan = choice.breathingBlocks === true ? withBreathingBlocks(coursePlan) : coursePlan;
  return { plan, ref: { planId: plan.id, name: plan.name, courseWeek: choice.week, courseRun: choice.run } };
}

/** The runner's own zone, else the default calm zone; undefined when neither age nor max heart rate is known. */
export function zoneForRunner(runner: RunnerProfile): SessionZone | undefined {
  if (runner.zone) return runner.zone;
  const fallback = defaultCalmZone(runner);
  return fallback.ok ? fallback.zone : undefined;
}
