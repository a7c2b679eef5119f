import { describe, expect, it } from 'vitest';
import { BreathingSetupForm, resonanceFinderMinutes } from '../../../src/app/breathing-setup-form.svelte';

describe('BreathingSetupForm', () => {
  it('starts at six a minute, 4 s in and 6 s out, for three minutes, with no sounds', () => {
    const form = new BreathingSetupForm(() => undefined);
    expect(form.setup).toEqual({
      mode: 'exercise',
      ratePerMinute: 6,
      inhaleShare: 0.4,
      durationMs: 180_000,
      sounds: { tones: false, voice: false, vibration: false },
    });
    const split = form.inhaleShareChoices.find((choice) => choice.share === 0.4);
    expect(split).toMatchObject({ inMs: 4000, outMs: 6000 });
    expect(form.rateChoices.some((choice) => choice.own)).toBe(false);
    expect(resonanceFinderMinutes).toBe(10);
  });

  it('starts at the runner’s own rate and marks it among the choices, also one kept later', () => {
    let own: number | undefined = 5;
    const form = new BreathingSetupForm(() => own);
    expect(form.ratePerMinute).toBe(5);
    expect(form.rateChoices.filter((choice) => choice.own).map((choice) => choice.ratePerMinute)).toEqual([
      5,
    ]);
    expect(form.rateChoices.find((choice) => choice.ratePerMinute === 5)?.breathMs).toBe(12_000);

    own = 4.5;
    form.useRate(4.5);
    expect(form.ownRate).toBe(4.5);
    expect(form.setup.ratePerMinute).toBe(4.5);
    // The in/out seconds follow the rate: a 13.3-s breath, a third of it breathing in.
    const third = form.inhaleShareChoices.find((choice) => choice.index === 2);
    expect(third?.inMs).toBeCloseTo(60_000 / 4.5 / 3, 6);
  });

  it('starts what was chosen', () => {
    const form = new BreathingSetupForm(() => undefined);
    form.mode = 'resonance';
    form.durationMin = 10;
    form.inhaleShare = 0.5;
    form.voice = true;
    form.vibration = true;
    expect(form.setup).toEqual({
      mode: 'resonance',
      ratePerMinute: 6,
      inhaleShare: 0.5,
      durationMs: 600_000,
      sounds: { tones: false, voice: true, vibration: true },
    });
  });
});
