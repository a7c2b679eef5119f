/**
 * Longest stretch of active time (ms) without a measurement that is still continuous data. Straps notify about
 * once a second; longer than this is a dropout: the recorder writes a `gap` event, and the summary lets no
 * sample stand for more than this much time.
 */
export const DEFAULT_GAP_THRESHOLD_MS = 5000;
