import { afterEach, describe, expect, it, vi } from 'vitest';
import { playableCueIds } from '../../../../src/adapters/cues/playable-cue';
import { VibrationCueOutput, vibrationPatterns } from '../../../../src/adapters/cues/vibration-cue-output';
import { exampleCue } from './example-cues';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('VibrationCueOutput', () => {
  it('vibrates long-short-long for slow-down and two short pulses for back-in-zone', () => {
    const vibrate = vi.fn((_pattern: number[]) => true);
    const output = new VibrationCueOutput(vibrate);
    output.play(exampleCue('slow-down'));
    output.play(exampleCue('back-in-zone'));
    const [slowDown, backInZone] = vibrate.mock.calls.map(([pattern]) => pattern);
    const [long1 = 0, , short = 0, , long2 = 0] = slowDown ?? [];
    expect(slowDown).toHaveLength(5);
    expect(long1).toBeGreaterThan(2 * short);
    expect(long2).toBeGreaterThan(2 * short);
    expect(backInZone).toHaveLength(3);
    expect(Math.max(...(backInZone ?? [Infinity]))).toBeLessThan(long1);
  });

  it('gives every cue that vibrates a pattern of its own', () => {
    const patterns = playableCueIds
      .map((id) => vibrationPatterns[id])
      .filter((pattern) => pattern.length > 0);
    expect(patterns.length).toBeGreaterThanOrEqual(playableCueIds.length - 1);
    expect(new Set(patterns.map((pattern) => pattern.join(','))).size).toBe(patterns.length);
    for (const pattern of patterns) expect(pattern.every((ms) => ms > 0 && ms <= 1000)).toBe(true);
  });

  it('does nothing, and never throws, where vibration is missing or refused', () => {
    const unsupported = new VibrationCueOutput(null);
    expect(unsupported.supported).toBe(false);
    expect(() => {
      unsupported.play(exampleCue('slow-down'));
    }).not.toThrow();
    const refusing = new VibrationCueOutput(() => {
      throw new Error('blocked');
    });
    expect(() => {
      refusing.play(exampleCue('slow-down'));
    }).not.toThrow();
  });

  it('calls navigator.vibrate on navigator, as browsers require', () => {
    const navigatorStub = {
      vibrate(this: unknown, pattern: number[]): boolean {
        if (this !== navigatorStub) throw new TypeError('Illegal invocation');
        calls.push(pattern);
        return true;
      },
    };
    const calls: number[][] = [];
    vi.stubGlobal('navigator', navigatorStub);
    const output = new VibrationCueOutput();
    expect(output.supported).toBe(true);
    output.play(exampleCue('contact-lost'));
    expect(calls).toEqual([[...vibrationPatterns['contact-lost']]]);
  });
});
