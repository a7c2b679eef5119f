import { describe, expect, it } from 'vitest';
import type { CueLocale } from '../../../../src/adapters/cues/cue-output';
import { cuePhrase } from '../../../../src/adapters/cues/cue-phrase';
import { cuePhraseTable } from '../../../../src/adapters/cues/cue-phrases';
import {
  planPhases,
  spokenCueIds,
  type SpokenCue,
  type SpokenCueId,
  type SpokenCueOf,
} from '../../../../src/adapters/cues/spoken-cue';

// Typed per id, so a new cue id does not compile here until it has examples (and so a phrase test).
const examples: { [Id in SpokenCueId]: readonly SpokenCueOf<Id>[] } = {
  'slow-down': [{ id: 'slow-down' }],
  'back-in-zone': [{ id: 'back-in-zone' }],
  'speed-up': [{ id: 'speed-up' }],
  'contact-lost': [{ id: 'contact-lost' }],
  'contact-restored': [{ id: 'contact-restored' }],
  'phase-change': planPhases.flatMap((phase) => [
    { id: 'phase-change' as const, phase, durationMs: 90_000 },
    { id: 'phase-change' as const, phase, durationMs: 0 },
  ]),
  status: [
    { id: 'status', elapsedMs: 12 * 60_000 + 40_000, heartRateBpm: 128.4 },
    { id: 'status', elapsedMs: 65 * 60_000, heartRateBpm: null },
  ],
  'plan-complete': [{ id: 'plan-complete' }],
  test: [{ id: 'test' }],
  'was-in-background': [{ id: 'was-in-background', hiddenMs: 125_000 }],
  'group-attention': [{ id: 'group-attention' }],
};
const everyExample: SpokenCue[] = Object.values(examples).flat();
const locales: CueLocale[] = ['nl', 'en'];

describe('cue phrases', () => {
  it('has a sentence for every cue id in both languages, and nothing more', () => {
    const sortedIds = [...spokenCueIds].sort();
    expect(Object.keys(cuePhraseTable('en')).sort()).toEqual(sortedIds);
    expect(Object.keys(cuePhraseTable('nl')).sort()).toEqual(sortedIds);
    expect(Object.keys(examples).sort()).toEqual(sortedIds);
  });

  it.each(locales)(
    'says every example cue in %s as a real sentence, not a key or a broken number',
    (locale) => {
      for (const cue of everyExample) {
        const phrase = cuePhrase(cue, locale);
        expect(phrase.trim().length, cue.id).toBeGreaterThan(3);
        expect(phrase).not.toBe(cue.id);
        expect(phrase).not.toMatch(/undefined|null|NaN|Infinity|\[object|\d\.\d/);
      }
    },
  );

  it('writes Dutch and English separately for every cue', () => {
    for (const cue of everyExample) expect(cuePhrase(cue, 'nl')).not.toBe(cuePhrase(cue, 'en'));
  });

  it('gives every plan phase its own announcement', () => {
    for (const locale of locales) {
      const sentences = planPhases.map((phase) =>
        cuePhrase({ id: 'phase-change', phase, durationMs: 120_000 }, locale),
      );
      expect(new Set(sentences).size).toBe(planPhases.length);
    }
  });

  it('uses the agreed core sentences', () => {
    expect(cuePhrase({ id: 'slow-down' }, 'en')).toBe('Slow down a little');
    expect(cuePhrase({ id: 'slow-down' }, 'nl')).toBe('Rustig aan, een tikje langzamer');
    expect(cuePhrase({ id: 'back-in-zone' }, 'en')).toBe('Nice, back in your calm zone');
    expect(cuePhrase({ id: 'back-in-zone' }, 'nl')).toBe('Mooi, je zit weer in je rustige zone');
  });

  it('says phase lengths the way people do, with half minutes as words', () => {
    const phase = (durationMs: number, locale: CueLocale) =>
      cuePhrase({ id: 'phase-change', phase: 'run', durationMs }, locale);
    expect(phase(60_000, 'en')).toBe('Now run, nice and easy, for 1 minute');
    expect(phase(60_000, 'nl')).toBe('Nu één minuut rustig hardlopen');
    expect(phase(90_000, 'en')).toBe('Now run, nice and easy, for a minute and a half');
    expect(phase(90_000, 'nl')).toBe('Nu anderhalve minuut rustig hardlopen');
    expect(phase(150_000, 'en')).toBe('Now run, nice and easy, for 2 and a half minutes');
    expect(phase(150_000, 'nl')).toBe('Nu 2 en een halve minuut rustig hardlopen');
    expect(phase(30 * 60_000, 'nl')).toBe('Nu 30 minuten rustig hardlopen');
    expect(phase(45_000, 'en')).toBe('Now run, nice and easy, for 45 seconds');
    expect(phase(45_000, 'nl')).toBe('Nu 45 seconden rustig hardlopen');
    expect(phase(Infinity, 'nl')).toBe('Nu rustig hardlopen');
    expect(cuePhrase({ id: 'phase-change', phase: 'warm-up-walk', durationMs: 300_000 }, 'nl')).toBe(
      'We beginnen rustig: 5 minuten wandelen',
    );
  });

  it('reads the time run so far down to the whole minute, and hours as hours', () => {
    const status = (elapsedMs: number, heartRateBpm: number | null, locale: CueLocale) =>
      cuePhrase({ id: 'status', elapsedMs, heartRateBpm }, locale);
    expect(status(12 * 60_000 + 59_000, 127.6, 'en')).toBe('12 minutes so far, heart rate 128');
    expect(status(12 * 60_000 + 59_000, 127.6, 'nl')).toBe('12 minuten onderweg, hartslag 128');
    expect(status(65 * 60_000, null, 'en')).toBe('1 hour and 5 minutes so far');
    expect(status(125 * 60_000, null, 'nl')).toBe('2 uur en 5 minuten onderweg');
  });

  it('rounds time in the background to the nearest minute', () => {
    expect(cuePhrase({ id: 'was-in-background', hiddenMs: 150_000 }, 'en')).toBe(
      'The app was in the background for 3 minutes',
    );
    expect(cuePhrase({ id: 'was-in-background', hiddenMs: 40_000 }, 'nl')).toBe(
      'De app stond 40 seconden op de achtergrond',
    );
  });
});
