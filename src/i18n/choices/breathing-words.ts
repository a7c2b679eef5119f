import type { CoherenceLevel } from '../../core/breathing/coherence-level';
import { m } from '../../paraglide/messages.js';

// The words for breathing: in/out ratios, coherence levels, and why there is no number.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const breathingRatiosMessages: Readonly<Partial<Record<number, () => string>>> = {
  '0': m.breathingRatios_0,
  '1': m.breathingRatios_1,
  '2': m.breathingRatios_2,
};

export const coherenceLevelsMessages = {
  low: m.coherenceLevels_low,
  medium: m.coherenceLevels_medium,
  high: m.coherenceLevels_high,
} as const satisfies Record<CoherenceLevel, unknown>;

export const coherenceHintsMessages = {
  low: m.coherenceHints_low,
  medium: m.coherenceHints_medium,
  high: m.coherenceHints_high,
} as const satisfies Record<CoherenceLevel, unknown>;

export const coherenceProblemsMessages = {
  'no-signal': m.coherenceProblems_noSignal,
  'no-contact': m.coherenceProblems_noContact,
  'too-few-beats': m.coherenceProblems_tooFewBeats,
} as const;
