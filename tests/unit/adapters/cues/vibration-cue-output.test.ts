import { afterEach, describe, expect, it, vi } from 'vitest';
import { breathCueIds, breathVibrationPatterns } from '../../../../src/adapters/cues/breath-cue';
import { spokenCueIds } from '../../../../src/adapters/cues/playable-cue';
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
    const patterns = spokenCueIds.map((id) => vibrationPatterns[id]).filter((pattern) => pattern.length > 0);
    expect(patterns.length).toBeGreaterThanOrEqual(spokenCueIds.length - 1);
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

describe('VibrationCueOutput: the breathing pacer’s cues', () => {
  it('gives in and out soft patterns of their own, lighter than any coaching cue', () => {
    const vibrate = vi.fn((_pattern: number[]) => true);
    const output = new VibrationCueOutput(vibrate);
    output.play({ id: 'breathe-in' });
    output.play({ id: 'breathe-out' });
    const [breatheIn = [], breatheOut = []] = vibrate.mock.calls.map(([pattern]) => pattern);
    expect(breatheIn).toEqual([...breathVibrationPatterns['breathe-in']]);
    expect(breatheOut).toEqual([...breathVibrationPatterns['breathe-out']]);
    // One pulse in, two out: told apart without looking.
    const pulses = (pattern: readonly number[]) => pattern.filter((_, index) => index % 2 === 0).length;
    expect(pulses(breatheIn)).toBe(1);
    expect(pulses(breatheOut)).toBe(2);
    const buzzMs = (pattern: readonly number[]) =>
      pattern.filter((_, index) => index % 2 === 0).reduce((sum, ms) => sum + ms, 0);
    const lightestCoachingMs = Math.min(
      ...spokenCueIds
        .map((id) => vibrationPatterns[id])
        .filter((p) => p.length > 0)
        .map(buzzMs),
    );
    for (const id of breathCueIds)
      expect(buzzMs(breathVibrationPatterns[id])).toBeLessThan(lightestCoachingMs);
  });
});
