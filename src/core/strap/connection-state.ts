import type { BodySensorLocation } from '../ble/body-sensor-location';
import type { StrapMeasurement } from '../ble/strap-measurement';

/** Why a strap connection ended for good (until the user tries again). */
export type LostReason =
  | 'chooser-cancelled'
  | 'bluetooth-unavailable'
  | 'bluetooth-off'
  | 'permission-denied'
  | 'no-heart-rate-service'
  | 'connect-failed'
  /** The device refused one more strap while several were connected: it holds only so many at once. */
  | 'connection-limit'
  | 'packet-log-invalid'
  | 'replay-ended'
  /** A runner's live share went quiet (no message for a few presence intervals) or the runner stopped it. */
  | 'not-sharing';

export type ConnectionState =
  | { kind: 'idle' }
  | { kind: 'choosing' }
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; attempt: number; nextAttemptAtMs: number }
  /** `detail` is the technical cause for diagnostics, in English; `line` points into a refused packet log. */
  | { kind: 'lost'; reason: LostReason; detail?: string; line?: number };

/** What the strap tells about itself; every field is optional because only the Heart Rate Service is required. */
export interface StrapInfo {
  name: string;
  bodySensorLocation?: BodySensorLocation;
  batteryPercent?: number;
  manufacturer?: string;
  model?: string;
  firmware?: string;
}

export type StrapEvent =
  /** The raw notification value, before decoding: what a diagnostics packet log records. */
  | { type: 'packet'; bytes: Uint8Array; receivedAtMs: number }
  | { type: 'state'; state: ConnectionState }
  | { type: 'measurement'; measurement: StrapMeasurement }
  | { type: 'info'; info: StrapInfo }
  | { type: 'malformed'; reason: string; hex: string; receivedAtMs: number };

/** Reconnect backoff: 1 s, 2 s, 4 s, ... capped at 30 s. `attempt` counts from 1. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}
