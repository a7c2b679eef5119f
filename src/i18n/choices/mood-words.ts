import { m } from '../../paraglide/messages.js';

// The anchor words of the Feeling Scale, the Felt Arousal Scale and the exertion question.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const feelingAnchorsMessages: Readonly<Partial<Record<number, () => string>>> = {
  '0': m.feelingAnchors_0,
  '1': m.feelingAnchors_1,
  '3': m.feelingAnchors_3,
  '5': m.feelingAnchors_5,
  '-5': m.feelingAnchors_minus5,
  '-3': m.feelingAnchors_minus3,
  '-1': m.feelingAnchors_minus1,
};

export const arousalAnchorsMessages: Readonly<Partial<Record<number, () => string>>> = {
  '1': m.arousalAnchors_1,
  '6': m.arousalAnchors_6,
};

export const exertionWordsMessages: Readonly<Partial<Record<number, () => string>>> = {
  '0': m.exertionWords_0,
  '1': m.exertionWords_1,
  '2': m.exertionWords_2,
  '3': m.exertionWords_3,
  '4': m.exertionWords_4,
  '5': m.exertionWords_5,
  '6': m.exertionWords_6,
  '7': m.exertionWords_7,
  '8': m.exertionWords_8,
  '9': m.exertionWords_9,
  '10': m.exertionWords_10,
};
