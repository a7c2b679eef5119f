import { loadPreferences, readOwnBreathingRates, savePreferences } from './preferences-store';

/** Where each runner's own breathing rate lived before it joined the preferences: `{ [runnerId or '']: rate }`. */
export const legacyBreathingRatesKey = 'calm-run.breathing-pace';

/** Keeps every valid entry of the old record; a damaged one reads as empty, never throws. */
export function readLegacyBreathingRates(text: string | null): Record<string, number> {
  if (text === null) return {};
  try {
    return readOwnBreathingRates(JSON.parse(text));
  } catch {
    return {};
  }
}

/**
 * Moves the own breathing rates from their old key into the preferences, once, so nobody loses theirs. A rate
 * already in the preferences wins (it was saved later); rates of runners who no longer exist are dropped. The old
 * key goes only once the preferences are stored, so a refused write loses nothing and is tried again next time.
 * Returns whether the old key is gone (or was never there).
 */
export function moveLegacyBreathingRates(
  given?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): boolean {
  try {
    // Inside the try: a browser with storage switched off throws on the first touch of localStorage.
    const storage = given ?? localStorage;
    const text = storage.getItem(legacyBreathingRatesKey);
    if (text === null) return true;
    const legacy = readLegacyBreathingRates(text);
    const preferences = loadPreferences(storage);
    const ownBreathingRates = readOwnBreathingRates(
      { ...legacy, ...preferences.ownBreathingRates },
      new Set(preferences.runners.map((runner) => runner.id)),
    );
    const moved =
      Object.keys(ownBreathingRates).length > Object.keys(preferences.ownBreathingRates ?? {}).length;
    if (moved && !savePreferences({ ...preferences, ownBreathingRates }, storage)) return false;
    storage.removeItem(legacyBreathingRatesKey);
    return true;
  } catch {
    // Storage switched off: there is nothing to move.
    return false;
  }
}
