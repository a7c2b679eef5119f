import { describe, expect, it } from 'vitest';
import { noRunnerId, RestingSetupForm } from '../../../src/app/resting-setup-form.svelte';

const runners = [
  { id: 'anna', name: 'Anna' },
  { id: 'bram', name: 'Bram' },
];

function form(preselectedRunnerId: string | undefined, activeRunnerId: string | undefined = runners[0]?.id) {
  return new RestingSetupForm({
    runners: () => runners,
    activeRunnerId,
    preselectedRunnerId,
    breathingRate: () => 5.5,
  });
}

describe('RestingSetupForm', () => {
  it('starts at 2 minutes, breathing freely, for the runner the address names', () => {
    const chosen = form('bram');
    expect(chosen.runner).toEqual({ id: 'bram', name: 'Bram' });
    expect(chosen.setup).toEqual({ minutes: 2, breathingRatePerMinute: undefined });
  });

  it('falls back to the active runner when the address names nobody known, and to no profile without one', () => {
    expect(form('someone-else').runner?.id).toBe('anna');
    expect(form(undefined).runner?.id).toBe('anna');
    const alone = new RestingSetupForm({
      runners: () => [],
      activeRunnerId: undefined,
      preselectedRunnerId: 'anna',
      breathingRate: () => 6,
    });
    expect(alone.runnerId).toBe(noRunnerId);
    expect(alone.runner).toBeUndefined();
  });

  it('paces at the runner’s own rate when paced breathing is on', () => {
    const chosen = form(undefined);
    chosen.minutes = 5;
    chosen.pacedBreathing = true;
    expect(chosen.setup).toEqual({ minutes: 5, breathingRatePerMinute: 5.5 });
  });
});
