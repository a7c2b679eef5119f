export { detectArtifacts, correctArtifacts, type ArtifactReport } from './artifacts';
export { timeDomain, TIME_DOMAIN_MIN_BEATS, type TimeDomain } from './time-domain';
export {
  frequencyDomain,
  FREQUENCY_DOMAIN_MIN_SPAN_S,
  FREQUENCY_DOMAIN_MAX_SPAN_S,
  type FrequencyDomain,
} from './frequency-domain';
export { dfaAlpha1, DFA_MIN_BEATS, type DfaMethod, type DfaOptions } from './dfa';
export { coherence, COHERENCE_WINDOW_S, COHERENCE_MIN_SPAN_S, type Coherence } from './coherence';
export { RollingHrv, type RollingHrvOptions, type RollingHrvSnapshot } from './rolling-hrv';
export {
  restingCheck,
  restingCheckOfCorrected,
  artifactSharePct,
  RESTING_CHECK_MAX_ARTIFACT_PCT,
  RESTING_CHECK_MIN_SPAN_MS,
  type RestingCheckResult,
  type RestingCheckFigures,
  type RestingCheckRefusal,
} from './resting-check';
