import type { SensorContact } from '../ble/heart-rate-measurement';
import type { ConnectionState } from '../strap/connection-state';
import type { ZoneState } from '../zones/zone-tracker';

/** A battery at or below this share needs a word before the next run, not a flat strap during it. */
export const LOW_BATTERY_PERCENT = 15;

/**
 * Why a runner's tile asks for the therapist's attention, most urgent first. Only these earn attention (UX.md):
 * above the zone past the grace period, a lost contact or connection, a low battery, no reading.
 */
export type AttentionReason =
  'connection-lost' | 'reconnecting' | 'contact-lost' | 'no-reading' | 'above-zone' | 'battery-low';

const urgency: Readonly<Record<AttentionReason, number>> = {
  'connection-lost': 0,
  reconnecting: 1,
  'contact-lost': 2,
  'no-reading': 3,
  'above-zone': 4,
  'battery-low': 5,
};

/** What a tile knows about its runner at one moment. */
export interface RunnerStatus {
  connection: ConnectionState['kind'];
  sensorContact: SensorContact | undefined;
  zoneState: ZoneState;
  batteryPercent: number | undefined;
}

/**
 * The reasons a runner needs attention now, most urgent first; empty when all is calm. A strap still being chosen
 * or connected for the first time is not yet a problem, and a lost connection says more than "no reading".
 */
export function attentionReasons(status: RunnerStatus): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  const { connection } = status;
  if (connection === 'lost' || connection === 'idle') reasons.push('connection-lost');
  if (connection === 'reconnecting') reasons.push('reconnecting');
  if (connection === 'live') {
    if (status.sensorContact === 'no-contact') reasons.push('contact-lost');
    else if (status.zoneState === 'no-reading') reasons.push('no-reading');
    if (status.zoneState === 'above') reasons.push('above-zone');
  }
  if (status.batteryPercent !== undefined && status.batteryPercent <= LOW_BATTERY_PERCENT) {
    reasons.push('battery-low');
  }
  return reasons.sort((a, b) => urgency[a] - urgency[b]);
}
