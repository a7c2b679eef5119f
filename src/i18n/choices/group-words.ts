import type { AttentionReason } from '../../core/group/attention';
import type { HeartRateTrend } from '../../core/group/heart-rate-trend';
import { m } from '../../paraglide/messages.js';

// The words for a group run's tiles: why a tile asks for attention, which way a heart rate moves.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const attentionReasonsMessages = {
  'connection-lost': m.attentionReasons_connectionLost,
  reconnecting: m.attentionReasons_reconnecting,
  'contact-lost': m.attentionReasons_contactLost,
  'no-reading': m.attentionReasons_noReading,
  'above-zone': m.attentionReasons_aboveZone,
  'battery-low': m.attentionReasons_batteryLow,
} as const satisfies Record<AttentionReason, unknown>;

export const heartRateTrendsMessages = {
  rising: m.heartRateTrends_rising,
  steady: m.heartRateTrends_steady,
  falling: m.heartRateTrends_falling,
} as const satisfies Record<HeartRateTrend, unknown>;
