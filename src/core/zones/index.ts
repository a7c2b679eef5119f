/** Runner profile, zone models, resting heart rate, DFA-a1 calibration and the live zone tracker. Pure. */
export {
  tanakaMaxHr,
  effectiveMaxHr,
  type RunnerProfile,
  type MaxHrSource,
  type ZoneChoice,
} from './runner-profile';
export {
  zoneFromPercentMax,
  zoneFromHeartRateReserve,
  fixedZone,
  defaultCalmZone,
  CALM_ZONE_RESERVE_PCT,
  CALM_ZONE_MAX_PCT,
  type DefaultZoneResult,
  type DefaultZoneRefusal,
} from './zone-models';
export {
  robustRestingHr,
  percentileOfSorted,
  type HeartRateReading,
  type RestingHrOptions,
  type RestingHrResult,
  type RestingHrRefusal,
} from './resting-hr';
export {
  calibrateZoneFromDfa,
  fitAlpha1OnHeartRate,
  type DfaCalibrationPoint,
  type DfaCalibrationOptions,
  type DfaCalibrationResult,
  type DfaCalibrationRefusal,
  type DfaFit,
} from './dfa-calibration';
export { DfaCalibrationRecorder, type DfaCalibrationRecorderOptions } from './dfa-calibration-recorder';
export {
  ZoneTracker,
  DEFAULT_ZONE_GRACE_MS,
  ZONE_SMOOTHING_MS,
  ZONE_HYSTERESIS_BPM,
  type ZoneMeasurement,
  type ZoneBand,
  type ZoneState,
  type ZoneTimes,
  type ZoneTrackerSnapshot,
  type ZoneTrackerOptions,
} from './zone-tracker';
export { inZonePercent, zoneTimePercents, timeInZoneOf, type ZoneTimePercents } from './zone-time';
