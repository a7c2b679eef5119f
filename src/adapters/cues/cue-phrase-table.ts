import type { SpokenCueId, SpokenCueOf } from './playable-cue';

/** One sentence builder per cue id: a language file typed with this cannot leave a cue out. */
export type CuePhraseTable = { readonly [Id in SpokenCueId]: (cue: SpokenCueOf<Id>) => string };
