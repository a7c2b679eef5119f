import { describe, expect, it } from 'vitest';
import { attentionReasons, type RunnerStatus } from '../../../../src/core/group/attention';

const fine: RunnerStatus = {
  connection: 'live',
  sensorContact: 'contact',
  zoneState: 'in',
  batteryPercent: 80,
};

describe('attentionReasons', () => {
  it('is empty for a runner in the zone with contact and a charged strap', () => {
    expect(attentionReasons(fine)).toEqual([]);
    expect(attentionReasons({ ...fine, zoneState: 'below' })).toEqual([]);
  });

  it('does not raise a runner just above the zone within the grace period', () => {
    expect(attentionReasons({ ...fine, zoneState: 'above-pending' })).toEqual([]);
  });

  it('raises a runner above the zone past the grace period', () => {
    expect(attentionReasons({ ...fine, zoneState: 'above' })).toEqual(['above-zone']);
  });

  it('raises lost contact, reconnecting, a lost connection and no reading', () => {
    expect(attentionReasons({ ...fine, sensorContact: 'no-contact', zoneState: 'no-reading' })).toEqual([
      'contact-lost',
    ]);
    expect(attentionReasons({ ...fine, connection: 'reconnecting', zoneState: 'no-reading' })).toEqual([
      'reconnecting',
    ]);
    expect(attentionReasons({ ...fine, connection: 'lost' })).toEqual(['connection-lost']);
    expect(attentionReasons({ ...fine, zoneState: 'no-reading' })).toEqual(['no-reading']);
  });

  it('raises a battery at or below 15 %, not above', () => {
    expect(attentionReasons({ ...fine, batteryPercent: 15 })).toEqual(['battery-low']);
    expect(attentionReasons({ ...fine, batteryPercent: 16 })).toEqual([]);
  });

  it('orders several reasons most urgent first', () => {
    expect(attentionReasons({ ...fine, zoneState: 'above', batteryPercent: 5 })).toEqual([
      'above-zone',
      'battery-low',
    ]);
    expect(attentionReasons({ ...fine, connection: 'reconnecting', batteryPercent: 5 })).toEqual([
      'reconnecting',
      'battery-low',
    ]);
  });

  it('does not count a strap still connecting for the first time', () => {
    expect(attentionReasons({ ...fine, connection: 'connecting', zoneState: 'no-reading' })).toEqual([]);
  });
});
