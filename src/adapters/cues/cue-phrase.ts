import type { CueLocale } from './cue-output';
import type { CuePhraseTable } from './cue-phrase-table';
import { cuePhraseTable } from './cue-phrases';
import type { SpokenCueId, SpokenCueOf } from './playable-cue';

const tables: Record<CueLocale, CuePhraseTable> = { en: cuePhraseTable('en'), nl: cuePhraseTable('nl') };

/** The sentence to speak (or show) for a cue, in the runner's language. */
export function cuePhrase<Id extends SpokenCueId>(cue: SpokenCueOf<Id>, locale: CueLocale): string {
  const phrase: (cue: SpokenCueOf<Id>) => string = tables[locale][cue.id];
  return phrase(cue);
}
