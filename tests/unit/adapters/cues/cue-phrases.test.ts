import { describe, expect, it } from 'vitest';
import type { CueLocale } from '../../../../src/adapters/cues/cue-output';
import { cuePhrase } from '../../../../src/adapters/cues/cue-phrase';
import { cuePhraseTable } from '../../../../src/adapters/cues/cue-phrases';
import {
  spokenCueIds,
  type SpokenCue,
  type SpokenCueId,
  type SpokenCueOf,
} from '../../../../src/adapters/cues/playable-cue';
import { PHASE_KINDS } from '../../../../src/core/coaching/run-plan';
import { exampleCue } from './example-cues';

// Typed per id, so a new cue id does not compile here until it has examples (and so a phrase test).
const examples: { [Id in SpokenCueId]: readonly SpokenCueOf<Id>[] } = {
  'slow-down': [exampleCue('slow-down')],
  'back-in-zone': [exampleCue('back-in-zone')],
  'speed-up': [exampleCue('speed-up')],
  'contact-lost': [exampleCue('contact-lost')],
  'contact-restored': [exampleCue('contact-restored')],
  'phase-change': PHASE_KINDS.flatMap((phase) => [
    exampleCue('phase-change', { phase, durationMs: 90_000 }),
    exampleCue('phase-change', { phase, durationMs: 0 }),
  ]),
  status: [
    exampleCue('status', { elapsedMs: 12 * 60_000 + 40_000, heartRateBpm: 128.4 }),
    exampleCue('status', { elapsedMs: 65 * 60_000, heartRateBpm: null }),
  ],
  'plan-complete': [exampleCue('plan-complete')],
  test: [exampleCue('test')],
  'was-in-background': [exampleCue('was-in-background', { hiddenMs: 125_000 })],
  'group-attention': [exampleCue('group-attention')],
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
      const sentences = PHASE_KINDS.map((phase) =>
        cuePhrase(exampleCue('phase-change', { phase, durationMs: 120_000 }), locale),
      );
      expect(new Set(sentences).size).toBe(PHASE_KINDS.length);
    }
  });

  it('uses the agreed core sentences', () => {
    expect(cuePhrase(exampleCue('slow-down'), 'en')).toBe('Slow down a little');
    expect(cuePhrase(exampleCue('slow-down'), 'nl')).toBe('Rustig aan, een tikje langzamer');
    expect(cuePhrase(exampleCue('back-in-zone'), 'en')).toBe('Nice, back in your calm zone');
    expect(cuePhrase(exampleCue('back-in-zone'), 'nl')).toBe('Mooi, je zit weer in je rustige zone');
  });

  it('says phase lengths the way people do, with half minutes as words', () => {
    const phase = (durationMs: number, locale: CueLocale) =>
      cuePhrase(exampleCue('phase-change', { phase: 'run', durationMs }), locale);
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
    expect(cuePhrase(exampleCue('phase-change', { phase: 'warm-up-walk', durationMs: 300_000 }), 'nl')).toBe(
      'We beginnen rustig: 5 minuten wandelen',
    );
  });

  it('reads the time run so far down to the whole minute, and hours as hours', () => {
    const status = (elapsedMs: number, heartRateBpm: number | null, locale: CueLocale) =>
      cuePhrase(exampleCue('status', { elapsedMs, heartRateBpm }), locale);
    expect(status(12 * 60_000 + 59_000, 127.6, 'en')).toBe('12 minutes so far, heart rate 128');
    expect(status(12 * 60_000 + 59_000, 127.6, 'nl')).toBe('12 minuten onderweg, hartslag 128');
    expect(status(65 * 60_000, null, 'en')).toBe('1 hour and 5 minutes so far');
    expect(status(125 * 60_000, null, 'nl')).toBe('2 uur en 5 minuten onderweg');
  });

  it('rounds time in the background to the nearest minute', () => {
    expect(cuePhrase(exampleCue('was-in-background', { hiddenMs: 150_000 }), 'en')).toBe(
      'The app was in the background for 3 minutes',
    );
    expect(cuePhrase(exampleCue('was-in-background', { hiddenMs: 40_000 }), 'nl')).toBe(
      'De app stond 40 seconden op de achtergrond',
    );
  });
});
