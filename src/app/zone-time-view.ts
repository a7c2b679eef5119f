import type { SessionSummary, SessionZone, TimeInZoneMs } from '../core/session/session-model';
import { zoneTimePercents, type ZoneTimePercents } from '../core/zones/zone-time';
import { DEFAULT_ZONE_GRACE_MS, ZONE_SMOOTHING_MS } from '../core/zones/zone-tracker';

/** Time in zone ready to show: the times, their whole percentages, and the numbers of the definition. */
export interface ZoneTimeView {
  zone: SessionZone;
  time: TimeInZoneMs;
  /**
   * The shares of the time with a reading; `inZone` is the percentage in zone shown everywhere. Undefined when
   * there was no such time (a strap that never gave a reading).
   */
  percents: ZoneTimePercents | undefined;
  /** The grace in force for this session (the default for a session recorded before it was kept), whole seconds. */
  graceSeconds: number;
  /** Over how many seconds the heart rate is averaged. */
  smoothingSeconds: number;
}

/** The zone time of a stored session or history entry; undefined without a zone or a summary of its time. */
export function zoneTimeView(session: {
  zone?: SessionZone | undefined;
  summary?: Pick<SessionSummary, 'timeInZoneMs'> | undefined;
}): ZoneTimeView | undefined {
  const { zone } = session;
  const time = session.summary?.timeInZoneMs;
  if (zone === undefined || time === undefined) return undefined;
  return {
    zone,
    time,
    percents: zoneTimePercents(time),
    graceSeconds: Math.round((zone.graceMs ?? DEFAULT_ZONE_GRACE_MS) / 1000),
    smoothingSeconds: Math.round(ZONE_SMOOTHING_MS / 1000),
  };
}
