import type { ZoneState } from '../../core/zones/zone-tracker';
import type { ZoneChoice } from '../../core/zones/runner-profile';
import type { DfaCalibrationRefusal } from '../../core/zones/dfa-calibration';
import { m } from '../../paraglide/messages.js';

// The words for zones: the zone state, how a zone is set, why a calibration was refused.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const zoneStatesMessages = {
  'no-reading': m.zoneStates_noReading,
  below: m.zoneStates_below,
  in: m.zoneStates_in,
  'above-pending': m.zoneStates_abovePending,
  above: m.zoneStates_above,
} as const satisfies Record<ZoneState, unknown>;

export const zoneStateHintsMessages = {
  'no-reading': m.zoneStateHints_noReading,
  below: m.zoneStateHints_below,
  in: m.zoneStateHints_in,
  'above-pending': m.zoneStateHints_abovePending,
  above: m.zoneStateHints_above,
} as const satisfies Record<ZoneState, unknown>;

/**
 * A zone state in words, for the run screen and a group's tiles alike: the short word ("Calm", "Just above") and
 * a hint ("Just above your zone: fine for a short while."). 'above-pending' has words of its own: gentle, as the
 * grace period is still running and it still counts as in the zone.
 */
export function zoneStateWords(state: ZoneState): { word: string; hint: string } {
  return { word: zoneStatesMessages[state](), hint: zoneStateHintsMessages[state]() };
}

export const zoneMethodsMessages = {
  default: m.zoneMethods_default,
  'percent-max': m.zoneMethods_percentMax,
  'percent-reserve': m.zoneMethods_percentReserve,
  fixed: m.zoneMethods_fixed,
  'by-feel': m.zoneMethods_byFeel,
} as const satisfies Record<ZoneChoice, unknown>;

export const calibrationRefusalsMessages = {
  'too-few-points': m.calibrationRefusals_tooFewPoints,
  'too-many-artifacts': m.calibrationRefusals_tooManyArtifacts,
  'hr-range-too-narrow': m.calibrationRefusals_hrRangeTooNarrow,
  'never-crosses': m.calibrationRefusals_neverCrosses,
  'too-few-fit-points': m.calibrationRefusals_tooFewFitPoints,
  'unclear-crossing': m.calibrationRefusals_unclearCrossing,
} as const satisfies Record<DfaCalibrationRefusal, unknown>;
