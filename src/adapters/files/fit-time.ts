/** The FIT epoch, 1989-12-31T00:00:00Z, in Unix milliseconds (the FIT SDK's Utils.FIT_EPOCH_MS). */
export const fitEpochMs = 631_065_600_000;

/**
 * Whole FIT seconds for a wall time. FIT date_time fields are uint32 seconds; the SDK's own Date conversion keeps
 * the fraction and the encoder then truncates it, so we floor here once and hand the encoder integers.
 */
export function toFitSeconds(wallMs: number): number {
  return Math.floor((wallMs - fitEpochMs) / 1000);
}
