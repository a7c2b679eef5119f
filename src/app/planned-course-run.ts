import type { CustomCourse } from '../adapters/storage/preferences-store';
import type { PlannedCourseRun } from '../core/clients/course-weeks';
import {
  BREATHING_BLOCKS_SUFFIX,
  coursePlanFor,
  planDurationMs,
  supervisedRunOf,
  withBreathingBlocks,
} from '../core/coaching/index';
import type { SessionPlanRef } from '../core/session/session-model';
import { courseOfPlan } from './course';

/**
 * What a stored plan reference names in the runner's courses: the planned run's length (with breathing blocks
 * when it had them, as course progress counts it) and whether it is its week's supervised run. Undefined for a
 * free run or a week or run the course does not have.
 */
export function plannedCourseRunOf(
  custom: CustomCourse | undefined,
): (plan: SessionPlanRef) => PlannedCourseRun | undefined {
  return (plan) => {
    if (plan.courseWeek === undefined || plan.courseRun === undefined) return undefined;
    const course = courseOfPlan(plan.planId, custom);
    if (!plan.planId.startsWith(`${course.id}/`)) return undefined;
    const runPlan = coursePlanFor(course, plan.courseWeek, plan.courseRun);
    const week = course.weeks.find((candidate) => candidate.week === plan.courseWeek);
    if (!runPlan || !week) return undefined;
    const planned = plan.planId.endsWith(BREATHING_BLOCKS_SUFFIX) ? withBreathingBlocks(runPlan) : runPlan;
    return {
      plannedMs: planDurationMs(planned),
      supervised: plan.courseRun === supervisedRunOf(course, week),
    };
  };
}
