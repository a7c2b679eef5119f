import type { PlayableCueId, PlayableCueOf } from './playable-cue';

/** One sentence builder per cue id: a language file typed with this cannot leave a cue out. */
export type CuePhraseTable = { readonly [Id in PlayableCueId]: (cue: PlayableCueOf<Id>) => string };
