import { describe, expect, it } from 'vitest';
import {
  breathingReading,
  COHERENCE_THRESHOLDS,
  coherenceLevel,
  MAX_ARTIFACT_PCT,
  type ReadingInput,
} from '../../../../src/core/breathing';
import { coherence } from '../../../../src/core';
import { readSharedVector } from '../../support/shared-vectors';

interface Vector {
  rr_ms: number[];
}

describe('coherenceLevel', () => {
  it('uses HeartMath’s published level-1 thresholds, 0.5 and 1.8, a threshold belonging to the level above', () => {
    expect(COHERENCE_THRESHOLDS).toEqual({ lowMedium: 0.5, mediumHigh: 1.8 });
    expect(coherenceLevel(0)).toBe('low');
    expect(coherenceLevel(0.499)).toBe('low');
    expect(coherenceLevel(0.5)).toBe('medium');
    expect(coherenceLevel(1.79)).toBe('medium');
    expect(coherenceLevel(1.8)).toBe('high');
    expect(coherenceLevel(16)).toBe('high');
    expect(coherenceLevel(Number.NaN)).toBe('low');
  });

  it('puts the shared vectors where they belong: paced breathing high, real resting RR low', () => {
    const paced = coherence((readSharedVector('hrv/04_paced_breathing_coherence.json') as Vector).rr_ms);
    const resting = coherence((readSharedVector('hrv/01_resting_clean.json') as Vector).rr_ms);
    expect(coherenceLevel(paced?.ratio ?? 0)).toBe('high');
    expect(coherenceLevel(resting?.ratio ?? Number.POSITIVE_INFINITY)).toBe('low');
  });
});

describe('breathingReading: honest data', () => {
  const good: ReadingInput = {
    msSinceLastMeasurement: 400,
    sensorContact: 'contact',
    beatCoverage: 1,
    coveredS: 90,
    artifactPct: 0,
    coherenceRatio: 6.8,
  };

  it('shows the level and its number when the data is good', () => {
    expect(breathingReading(good)).toEqual({ kind: 'level', ratio: 6.8, level: 'high' });
    expect(breathingReading({ ...good, coherenceRatio: 0.3 })).toEqual({
      kind: 'level',
      ratio: 0.3,
      level: 'low',
    });
    expect(breathingReading({ ...good, artifactPct: MAX_ARTIFACT_PCT })).toMatchObject({ kind: 'level' });
  });

  it('says there is no signal when nothing came, or nothing for over 5 s', () => {
    expect(breathingReading({ ...good, msSinceLastMeasurement: undefined })).toEqual({ kind: 'no-signal' });
    expect(breathingReading({ ...good, msSinceLastMeasurement: 5001 })).toEqual({ kind: 'no-signal' });
    expect(breathingReading({ ...good, msSinceLastMeasurement: 5000 })).toMatchObject({ kind: 'level' });
  });

  it('says there is no skin contact before anything else the strap sends', () => {
    expect(breathingReading({ ...good, sensorContact: 'no-contact', beatCoverage: 0 })).toEqual({
      kind: 'no-contact',
    });
    expect(breathingReading({ ...good, sensorContact: 'unsupported' })).toMatchObject({ kind: 'level' });
  });

  it('says too few beats arrive when they cover under half of the last 10 s', () => {
    expect(breathingReading({ ...good, beatCoverage: 0.49 })).toEqual({ kind: 'too-few-beats' });
    expect(breathingReading({ ...good, beatCoverage: 0 })).toEqual({ kind: 'too-few-beats' });
    expect(breathingReading({ ...good, beatCoverage: 0.5 })).toMatchObject({ kind: 'level' });
  });

  it('says there are too many artifacts instead of a number above 5 %', () => {
    expect(breathingReading({ ...good, artifactPct: 5.1 })).toEqual({
      kind: 'too-many-artifacts',
      artifactPct: 5.1,
    });
  });

  it('waits for a minute of beats, and does not judge artifacts while there is no number', () => {
    expect(breathingReading({ ...good, coherenceRatio: undefined, coveredS: 20, artifactPct: 33 })).toEqual({
      kind: 'waiting',
      coveredS: 20,
      neededS: 60,
    });
  });
});
