import type { ArousalScore, ExertionScore, FeelingScore } from '../../core/session/session-model';
import {
  arousalAnchorsMessages,
  exertionWordsMessages,
  feelingAnchorsMessages,
} from '../../i18n/choices/mood-words';
import type { ScaleOption } from '../components/ScaleQuestion.svelte';

const feelingScores: readonly FeelingScore[] = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];
const arousalScores: readonly ArousalScore[] = [1, 2, 3, 4, 5, 6];
const exertionScores: readonly ExertionScore[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** Feeling Scale (Hardy & Rejeski 1989) with its word anchors at -5, -3, -1, 0, +1, +3 and +5. */
export function feelingOptions(): ScaleOption<FeelingScore>[] {
  return feelingScores.map((value) => {
    const anchor = feelingAnchorsMessages[value]?.();
    return { value, label: signed(value), ...(anchor !== undefined && { anchor }) };
  });
}

/** Felt Arousal Scale (Svebak & Murgatroyd 1985), anchored at 1 (low) and 6 (high). */
export function arousalOptions(): ScaleOption<ArousalScore>[] {
  return arousalScores.map((value) => {
    const anchor = arousalAnchorsMessages[value]?.();
    return { value, label: String(value), ...(anchor !== undefined && { anchor }) };
  });
}

/** How hard the run felt, 0-10, every point in our own words. */
export function exertionOptions(): ScaleOption<ExertionScore>[] {
  return exertionScores.map((value) => {
    const anchor = exertionWordsMessages[value]?.();
    return { value, label: String(value), ...(anchor !== undefined && { anchor }) };
  });
}

/** A scale point as one line of a compact choice (a select): its value and its number with its words. */
export interface ScaleChoice {
  value: string;
  text: string;
}

function asChoices(options: readonly { value: number; label: string; anchor?: string }[]): ScaleChoice[] {
  return options.map((option) => ({
    value: String(option.value),
    text: option.anchor === undefined ? option.label : `${option.label} ${option.anchor}`,
  }));
}

/** The Feeling Scale as compact choices, for one row per runner in a group. */
export function feelingChoices(): ScaleChoice[] {
  return asChoices(feelingOptions());
}

/** The Felt Arousal Scale as compact choices, for one row per runner in a group. */
export function arousalChoices(): ScaleChoice[] {
  return asChoices(arousalOptions());
}
