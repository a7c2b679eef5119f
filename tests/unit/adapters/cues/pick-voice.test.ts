import { describe, expect, it } from 'vitest';
import { pickVoice, voicesForLocale } from '../../../../src/adapters/cues/pick-voice';
import { voice } from './fake-speech-synthesis';

const english = voice('Daniel', 'en-GB', true, true);
const flemish = voice('Ellen', 'nl-BE');
const dutch = voice('Xander', 'nl-NL');
const dutchOnline = voice('Google Nederlands', 'nl-NL', false);
const afrikaans = voice('Afrikaans', 'af-ZA');

describe('pickVoice', () => {
  it('prefers a Dutch voice from the Netherlands on the device for nl', () => {
    expect(pickVoice([english, flemish, dutchOnline, dutch], 'nl', undefined)).toBe(dutch);
  });

  it('takes a device voice over a network one, which falls silent without signal', () => {
    expect(pickVoice([dutchOnline, flemish], 'nl', undefined)).toBe(flemish);
  });

  it('reads Android language tags with an underscore', () => {
    const android = voice('nl-nl-x-lfc-local', 'nl_NL');
    expect(pickVoice([english, android], 'nl', undefined)).toBe(android);
  });

  it('matches any English voice for en, the default one first among equals', () => {
    const american = voice('Samantha', 'en-US');
    expect(pickVoice([dutch, american, english], 'en', undefined)).toBe(english);
    expect(pickVoice([dutch, afrikaans], 'en', undefined)).toBeUndefined();
  });

  it('honours the chosen voice only while it speaks the language', () => {
    expect(pickVoice([dutch, flemish], 'nl', 'Ellen')).toBe(flemish);
    expect(pickVoice([dutch, english], 'nl', 'Daniel')).toBe(dutch);
  });

  it('lists only voices that speak the language', () => {
    expect(voicesForLocale([english, afrikaans, dutch, flemish], 'nl')).toEqual([dutch, flemish]);
  });
});
