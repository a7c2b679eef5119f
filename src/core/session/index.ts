/** The session recorder's pure core: the record's types, the reducer, chunks, the sample codec, the summary. */
export type * from './session-model';
export {
  createRecorder,
  recordSession,
  toRrIntervals1024,
  type RecorderAction,
  type RecorderState,
} from './session-recorder';
export { DEFAULT_GAP_THRESHOLD_MS } from './gap-threshold';
export {
  checkMonotonicStall,
  MONOTONIC_STALL_TOLERANCE_MS,
  type ClockReading,
  type StallCheck,
} from './monotonic-stall';
export { takeChunk, isChunkDue, decodeChunk, samplesFromChunks, CHUNK_INTERVAL_MS } from './sample-chunk';
export { encodeSamples, decodeSamples, SampleCodecError, SAMPLE_CODEC_VERSION } from './sample-codec';
export { summarizeSession, activeMsAt, type SummaryOptions } from './session-summary';
export {
  replayZoneTracker,
  sessionTimeInZone,
  withZoneTimeRecounted,
  type ZoneReplayOptions,
} from './session-zone-time';
export {
  DFA_TIMELINE_STEP_MS,
  DFA_TIMELINE_WINDOW_MS,
  DFA_TIMELINE_MIN_COVERAGE,
  COHERENCE_TIMELINE_STEP_MS,
  COHERENCE_TIMELINE_WINDOW_MS,
} from './session-timelines';
export { heartRateSeries, rrSeries, tachogramSeries, poincareSeries, type SeriesPoint } from './chart-series';
export {
  RESTING_CHECK_MINUTES,
  DEFAULT_RESTING_CHECK_MINUTES,
  RESTING_PLAN_ID,
  restingPlanRef,
  restingPlanOf,
  type RestingPlan,
} from './resting-plan';
