import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { legacyBreathingRatesKey } from '../../../src/adapters/storage/legacy-breathing-rates';
import {
  defaultCoachingPreferences,
  loadPreferences,
  type Preferences,
} from '../../../src/adapters/storage/preferences-store';
import { PreferencesState } from '../../../src/app/preferences.svelte';
import { MemoryStorage } from '../support/memory-storage';

const preferencesKey = 'calm-run.preferences';

const twoRunners: Preferences = {
  runners: [
    { id: 'r1', name: 'Sam', maxHrSource: 'tanaka' },
    { id: 'r2', name: 'Noor', maxHrSource: 'tanaka' },
  ],
  activeRunnerId: 'r1',
  coaching: defaultCoachingPreferences,
};

describe('PreferencesState: the own breathing rate', () => {
  let device: MemoryStorage;

  beforeEach(() => {
    device = new MemoryStorage();
    vi.stubGlobal('localStorage', device);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is kept per runner and follows the active runner, six a minute until one is kept', () => {
    device.setItem(preferencesKey, JSON.stringify(twoRunners));
    const preferences = new PreferencesState();
    expect(preferences.ownBreathingRate).toBeUndefined();
    expect(preferences.breathingRate).toBe(6);

    expect(preferences.setOwnBreathingRate(5)).toBe(true);
    expect(preferences.ownBreathingRate).toBe(5);
    expect(preferences.breathingRate).toBe(5);
    preferences.chooseRunner('r2');
    expect(preferences.ownBreathingRate).toBeUndefined();
    expect(preferences.setOwnBreathingRate(4.5)).toBe(true);
    preferences.chooseRunner('r1');
    expect(preferences.breathingRate).toBe(5);

    // Stored, for the next start of the app.
    expect(loadPreferences(device).ownBreathingRates).toEqual({ r1: 5, r2: 4.5 });
    expect(new PreferencesState().ownBreathingRate).toBe(5);
  });

  it('keeps the rate found while no runner exists', () => {
    const preferences = new PreferencesState();
    expect(preferences.setOwnBreathingRate(5.5)).toBe(true);
    expect(preferences.ownBreathingRate).toBe(5.5);
    expect(loadPreferences(device).ownBreathingRates).toEqual({ '': 5.5 });
  });

  it('refuses a rate the exercise does not offer, and one the device would not store, changing nothing', () => {
    device.setItem(preferencesKey, JSON.stringify(twoRunners));
    const preferences = new PreferencesState();
    expect(preferences.setOwnBreathingRate(3)).toBe(false);
    device.refuseWrites = true;
    expect(preferences.setOwnBreathingRate(5)).toBe(false);
    expect(preferences.ownBreathingRate).toBeUndefined();
    expect(loadPreferences(device).ownBreathingRates).toBeUndefined();
  });

  it('forgets a removed runner’s rate', () => {
    device.setItem(preferencesKey, JSON.stringify({ ...twoRunners, ownBreathingRates: { r1: 5, r2: 4.5 } }));
    const preferences = new PreferencesState();
    preferences.removeRunner('r1');
    expect(preferences.value.ownBreathingRates).toEqual({ r2: 4.5 });
    preferences.removeRunner('r2');
    expect(preferences.value.ownBreathingRates).toBeUndefined();
    expect(loadPreferences(device).ownBreathingRates).toBeUndefined();
  });

  it('moves the rates older versions stored under their own key, so nobody loses theirs', () => {
    device.setItem(preferencesKey, JSON.stringify(twoRunners));
    device.setItem(legacyBreathingRatesKey, JSON.stringify({ r1: 5.5, r2: 6.5 }));
    const preferences = new PreferencesState();
    expect(preferences.ownBreathingRate).toBe(5.5);
    preferences.chooseRunner('r2');
    expect(preferences.ownBreathingRate).toBe(6.5);
    expect(device.getItem(legacyBreathingRatesKey)).toBeNull();
  });
});
