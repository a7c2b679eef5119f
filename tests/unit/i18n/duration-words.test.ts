import { describe, expect, it } from 'vitest';
import { durationWords } from '../../../src/i18n/choices/duration-words';

describe('a session length in words', () => {
  it.each([
    [0, '0 seconds', '0 seconden'],
    [1000, '1 second', '1 seconde'],
    [46_000, '46 seconds', '46 seconden'],
    [59_400, '59 seconds', '59 seconden'],
    [59_600, '1 minute', '1 minuut'],
    [89_000, '1 minute', '1 minuut'],
    [91_000, '2 minutes', '2 minuten'],
    [22 * 60_000, '22 minutes', '22 minuten'],
  ])('%i ms is "%s", in Dutch "%s"', (ms, en, nl) => {
    expect(durationWords(ms, 'en')).toBe(en);
    expect(durationWords(ms, 'nl')).toBe(nl);
  });
});
