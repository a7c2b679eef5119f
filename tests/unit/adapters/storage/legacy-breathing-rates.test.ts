import { describe, expect, it } from 'vitest';
import {
  legacyBreathingRatesKey,
  moveLegacyBreathingRates,
  readLegacyBreathingRates,
} from '../../../../src/adapters/storage/legacy-breathing-rates';
import {
  defaultCoachingPreferences,
  loadPreferences,
  type Preferences,
} from '../../../../src/adapters/storage/preferences-store';
import { MemoryStorage } from '../../support/memory-storage';

const preferencesKey = 'calm-run.preferences';

const stored: Preferences = {
  runners: [
    { id: 'r1', name: 'Sam', maxHrSource: 'tanaka' },
    { id: 'r2', name: 'Noor', maxHrSource: 'tanaka' },
  ],
  activeRunnerId: 'r2',
  coaching: { ...defaultCoachingPreferences, tones: true },
  course: { weeks: 10 },
};

/** A device with the old record and, unless `null`, stored preferences. */
function deviceWith(legacy: unknown, preferences: Preferences | null = stored): MemoryStorage {
  return new MemoryStorage({
    [legacyBreathingRatesKey]: JSON.stringify(legacy),
    ...(preferences !== null && { [preferencesKey]: JSON.stringify(preferences) }),
  });
}

describe('the runner’s own pace, as older versions stored it', () => {
  it('keeps valid entries and drops anything damaged, never throwing', () => {
    expect(readLegacyBreathingRates(JSON.stringify({ r1: 5.5, '': 6, r2: 3, r3: 'six' }))).toEqual({
      r1: 5.5,
      '': 6,
    });
    expect(readLegacyBreathingRates('not json')).toEqual({});
    expect(readLegacyBreathingRates('[5.5]')).toEqual({});
    expect(readLegacyBreathingRates(null)).toEqual({});
    expect(Object.getPrototypeOf(readLegacyBreathingRates('{"__proto__": 6}'))).toBe(Object.prototype);
  });
});

describe('moveLegacyBreathingRates', () => {
  it('moves every runner’s rate into the preferences, leaves everything else as it was, and drops the old key', () => {
    const device = deviceWith({ r1: 5.5, r2: 4.5, '': 6 });
    expect(moveLegacyBreathingRates(device)).toBe(true);
    expect(device.getItem(legacyBreathingRatesKey)).toBeNull();
    expect(loadPreferences(device)).toEqual({ ...stored, ownBreathingRates: { r1: 5.5, r2: 4.5, '': 6 } });
  });

  it('moves a rate found before any runner existed, into new preferences', () => {
    const device = deviceWith({ '': 5 }, null);
    expect(moveLegacyBreathingRates(device)).toBe(true);
    expect(loadPreferences(device).ownBreathingRates).toEqual({ '': 5 });
    expect(device.getItem(legacyBreathingRatesKey)).toBeNull();
  });

  it('keeps a rate the preferences already hold, and drops rates of runners who are gone', () => {
    const device = deviceWith({ r1: 5.5, r2: 4.5, gone: 6 }, { ...stored, ownBreathingRates: { r2: 6.5 } });
    expect(moveLegacyBreathingRates(device)).toBe(true);
    expect(loadPreferences(device).ownBreathingRates).toEqual({ r1: 5.5, r2: 6.5 });
  });

  it('runs once: a second start finds nothing to move and writes nothing', () => {
    const device = deviceWith({ r1: 5.5 });
    moveLegacyBreathingRates(device);
    const writes = device.writes;
    expect(moveLegacyBreathingRates(device)).toBe(true);
    expect(device.writes).toBe(writes);
    expect(loadPreferences(device).ownBreathingRates).toEqual({ r1: 5.5 });
  });

  it('keeps the old key when the preferences could not be stored, so the rates are moved next time', () => {
    const device = deviceWith({ r1: 5.5 });
    device.refuseWrites = true;
    expect(moveLegacyBreathingRates(device)).toBe(false);
    expect(device.getItem(legacyBreathingRatesKey)).toBe(JSON.stringify({ r1: 5.5 }));
    expect(loadPreferences(device).ownBreathingRates).toBeUndefined();
    device.refuseWrites = false;
    expect(moveLegacyBreathingRates(device)).toBe(true);
    expect(loadPreferences(device).ownBreathingRates).toEqual({ r1: 5.5 });
  });

  it('drops a damaged old value without touching the preferences', () => {
    const device = new MemoryStorage({
      [legacyBreathingRatesKey]: 'not json',
      [preferencesKey]: JSON.stringify(stored),
    });
    expect(moveLegacyBreathingRates(device)).toBe(true);
    expect(device.getItem(legacyBreathingRatesKey)).toBeNull();
    expect(device.writes).toBe(0);
    expect(loadPreferences(device)).toEqual(stored);
  });

  it('never throws where storage is switched off', () => {
    const off = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(moveLegacyBreathingRates(off)).toBe(false);
  });
});
