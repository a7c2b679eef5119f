import type { LostReason } from '../../core/strap/connection-state';
import type { BodySensorLocation } from '../../core/ble/body-sensor-location';
import { m } from '../../paraglide/messages.js';

// The words for a strap: why a connection ended, where the strap is worn.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const lostReasonMessages = {
  'chooser-cancelled': m.lostReason_chooserCancelled,
  'bluetooth-unavailable': m.lostReason_bluetoothUnavailable,
  'bluetooth-off': m.lostReason_bluetoothOff,
  'permission-denied': m.lostReason_permissionDenied,
  'no-heart-rate-service': m.lostReason_noHeartRateService,
  'connect-failed': m.lostReason_connectFailed,
  'connection-limit': m.lostReason_connectionLimit,
  'packet-log-invalid': m.lostReason_packetLogInvalid,
  'replay-ended': m.lostReason_replayEnded,
  'not-sharing': m.lostReason_notSharing,
} as const satisfies Record<LostReason, unknown>;

export const bodyLocationMessages = {
  other: m.bodyLocation_other,
  chest: m.bodyLocation_chest,
  wrist: m.bodyLocation_wrist,
  finger: m.bodyLocation_finger,
  hand: m.bodyLocation_hand,
  'ear-lobe': m.bodyLocation_earLobe,
  foot: m.bodyLocation_foot,
} as const satisfies Record<BodySensorLocation, unknown>;
