import { describe, expect, it } from 'vitest';
import { restingPlanOf, restingPlanRef } from '../../../../src/core/session';

describe('the resting check in the plan reference', () => {
  it('stores the length and the pacer, and reads them back', () => {
    const free = restingPlanRef({ minutes: 2, breathingRatePerMinute: undefined });
    expect(free).toEqual({ planId: 'resting:2:0', name: 'Resting HRV check, 2 min' });
    expect(restingPlanOf(free)).toEqual({ minutes: 2, breathingRatePerMinute: undefined });
    const paced = restingPlanRef({ minutes: 5, breathingRatePerMinute: 5.5 });
    expect(paced.planId).toBe('resting:5:5.5');
    expect(restingPlanOf(paced)).toEqual({ minutes: 5, breathingRatePerMinute: 5.5 });
  });

  it('is undefined for any other plan, or a length it does not offer', () => {
    expect(restingPlanOf(undefined)).toBeUndefined();
    expect(restingPlanOf({ planId: 'breathing:6:40', name: '' })).toBeUndefined();
    expect(restingPlanOf({ planId: 'resting:3:0', name: '' })).toBeUndefined();
    expect(restingPlanOf({ planId: 'resting:2:x', name: '' })).toBeUndefined();
    expect(restingPlanOf({ planId: 'resting:2:-1', name: '' })).toBeUndefined();
    expect(restingPlanOf({ planId: 'resting:2:0.5', name: '' })).toBeUndefined();
    expect(restingPlanOf({ planId: 'resting:2:31', name: '' })).toBeUndefined();
  });
});
