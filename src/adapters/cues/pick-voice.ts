import type { CueLocale } from './cue-output';

/** The part of SpeechSynthesisVoice that choosing one needs. */
export type VoiceLike = Pick<SpeechSynthesisVoice, 'name' | 'lang' | 'localService' | 'default'>;

// Dutch as spoken in the Netherlands first, then Flemish; both are understood everywhere the app is used.
const dutchTags = ['nl-nl', 'nl-be', 'nl'];

/** How well a voice's language suits the locale, lower is better; undefined when it does not speak it. */
function languageRank(lang: string, locale: CueLocale): number | undefined {
  // Android reports "nl_NL", the others "nl-NL"; some lower-case it.
  const tag = lang.replaceAll('_', '-').toLowerCase();
  if (locale === 'nl') {
    const rank = dutchTags.indexOf(tag);
    return rank === -1 ? undefined : rank;
  }
  return tag === 'en' || tag.startsWith('en-') ? 0 : undefined;
}

/**
 * The voices that speak the locale, best first: voices on the device before network ones (runs happen where there is
 * no signal, and a network voice then fails silently), then by language fit, then the browser's default.
 */
export function voicesForLocale(voices: readonly VoiceLike[], locale: CueLocale): VoiceLike[] {
  const fitting = voices.flatMap((voice) => {
    const rank = languageRank(voice.lang, locale);
    return rank === undefined ? [] : [{ voice, rank }];
  });
  fitting.sort(
    (a, b) =>
      Number(b.voice.localService) - Number(a.voice.localService) ||
      a.rank - b.rank ||
      Number(b.voice.default) - Number(a.voice.default),
  );
  return fitting.map(({ voice }) => voice);
}

/** The runner's chosen voice if it speaks the locale, otherwise the best one that does. */
export function pickVoice(
  voices: readonly VoiceLike[],
  locale: CueLocale,
  voiceName: string | undefined,
): VoiceLike | undefined {
  const fitting = voicesForLocale(voices, locale);
  return fitting.find((voice) => voice.name === voiceName) ?? fitting[0];
}
