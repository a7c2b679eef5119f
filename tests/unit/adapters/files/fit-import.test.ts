import { Encoder, type FileIdMesg, type RecordMesg } from '@garmin/fitsdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFit } from '../../../../src/adapters/files/fit-export';
import { importFit } from '../../../../src/adapters/files/fit-import';
import { fitMesgNum } from '../../../../src/adapters/files/fit-mesg-num';
import { defaultFitImportLimits } from '../../../../src/adapters/files/file-limits';
import type { ImportRefusal } from '../../../../src/adapters/files/import-refusal';
import type { SessionWithSamples } from '../../../../src/adapters/files/session-with-samples';
import { garminLikeFit, withFixedCrc } from './support/garmin-like-fit';
import { allRr, sampleRun, startWallMs } from './support/sample-session';

function imported(bytes: Uint8Array): SessionWithSamples {
  const result = importFit(bytes);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.session;
}

function refusal(bytes: Uint8Array, limits = defaultFitImportLimits): ImportRefusal {
  const result = importFit(bytes, limits);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.refusal;
}

const toRr1024 = (ms: number): number => Math.round((ms / 1000) * 1024);
const fitEpochMs = 631_065_600_000;

/** A bare activity: file_id and one record with a heart rate at each of these FIT times (ms since the FIT epoch). */
function recordsAt(fitMs: number[]): Uint8Array {
  const encoder = new Encoder();
  const fileId: FileIdMesg = { type: 'activity', manufacturer: 'development', product: 7 };
  encoder.onMesg(fitMesgNum.fileId, fileId);
  for (const ms of fitMs) {
    const record: RecordMesg = { timestamp: ms / 1000, heartRate: 90 };
    encoder.onMesg(fitMesgNum.record, record);
  }
  return encoder.close();
}

describe('importFit of a file written the way a Garmin watch writes one', () => {
  const fit = garminLikeFit();
  const session = imported(fit.bytes);

  it('makes one sample per record, at its time, with its heart rate', () => {
    expect(session.samples).toHaveLength(fit.records.length);
    session.samples.forEach((sample, index) => {
      const record = fit.records[index];
      expect(sample.elapsedMs).toBe((record?.wallMs ?? NaN) - fit.startWallMs);
      expect(sample.heartRateBpm).toBe(record?.heartRateBpm);
      expect(sample.sensorContact).toBe('unsupported');
    });
    expect(session.samples.filter((sample) => sample.heartRateBpm === null)).toHaveLength(4);
  });

  it('keeps every RR interval, each on the record it was written after, and drops the unused slots', () => {
    const expected = fit.records.map((record) => record.rrMs.map(toRr1024));
    expect(expected.flat().length).toBeGreaterThan(300);
    expect(session.samples.map((sample) => sample.rrIntervals1024)).toEqual(expected);
  });

  it('takes the start from the session message and makes a finished run, its timer as events', () => {
    expect(session.meta).toEqual({
      id: session.meta.id,
      kind: 'run',
      status: 'finished',
      startedAtWallMs: fit.startWallMs,
      endedAtWallMs: fit.startWallMs + 239_000,
      notes: '',
      // The fixture's watch timer stops at 100 s and starts again at 130 s.
      events: [
        { type: 'started', elapsedMs: 0 },
        { type: 'paused', elapsedMs: 100_000 },
        { type: 'resumed', elapsedMs: 130_000 },
        { type: 'finished', elapsedMs: 239_000 },
      ],
    });
  });

  it('gives the same file the same id, and another file another id', () => {
    expect(session.meta.id).toMatch(/^fit-[0-9a-f]{16}$/);
    expect(imported(garminLikeFit().bytes).meta.id).toBe(session.meta.id);
    expect(imported(garminLikeFit({ serialNumber: 1234 }).bytes).meta.id).not.toBe(session.meta.id);
  });

  it('falls back to the bytes for the id when file_id has no time_created', () => {
    const a = imported(garminLikeFit({ noTimeCreated: true }).bytes).meta.id;
    expect(a).toMatch(/^fit-[0-9a-f]{16}$/);
    expect(imported(garminLikeFit({ noTimeCreated: true }).bytes).meta.id).toBe(a);
    expect(a).not.toBe(session.meta.id);
  });
});

describe('importFit of a file whose hrv messages are all in one place', () => {
  it('lays the beats out in time from the first record, so every interval is kept and they stay in order', () => {
    const fit = garminLikeFit({ hrvAtEnd: true });
    const session = imported(fit.bytes);
    const expected = fit.records.flatMap((record) => record.rrMs.map(toRr1024));
    expect(session.samples.flatMap((sample) => sample.rrIntervals1024)).toEqual(expected);
    // Laid out by time, the beats spread over the records instead of piling onto the last one.
    const withRr = session.samples.filter((sample) => sample.rrIntervals1024.length > 0);
    expect(withRr.length).toBeGreaterThan(session.samples.length / 2);
  });
});

describe('importFit of a Calm Run export', () => {
  const original = sampleRun();
  const session = imported(exportFit(original));

  it('gets back every sample, heart rate and RR interval (to one 1/1024 s unit)', () => {
    expect(session.samples).toHaveLength(original.samples.length);
    session.samples.forEach((sample, index) => {
      const source = original.samples[index];
      expect(sample.heartRateBpm).toBe(source?.heartRateBpm);
      expect(sample.rrIntervals1024).toHaveLength(source?.rrIntervals1024.length ?? NaN);
    });
    const back = allRr(session);
    allRr(original).forEach((rr, index) => {
      expect(Math.abs((back[index] ?? NaN) - rr)).toBeLessThanOrEqual(1);
    });
  });

  it('keeps the start and the sample times to the second', () => {
    expect(session.meta.startedAtWallMs).toBe(Math.floor(startWallMs / 1000) * 1000);
    session.samples.forEach((sample, index) => {
      const source = original.samples[index];
      const wallMs = startWallMs + (source?.elapsedMs ?? NaN);
      expect(session.meta.startedAtWallMs + sample.elapsedMs).toBe(Math.floor(wallMs / 1000) * 1000);
    });
  });

  it('gives every export of the same session the same id', () => {
    expect(imported(exportFit(sampleRun())).meta.id).toBe(session.meta.id);
  });
});

describe('importFit refuses, with a reason', () => {
  const good = garminLikeFit().bytes;

  it('a file without heart rate', () => {
    expect(refusal(garminLikeFit({ heartRate: false, hrv: false }).bytes)).toEqual({
      code: 'fit-no-heart-rate',
    });
  });

  it('imports RR intervals without a heart-rate field', () => {
    const session = imported(garminLikeFit({ heartRate: false }).bytes);
    expect(session.samples.every((sample) => sample.heartRateBpm === null)).toBe(true);
    expect(allRr(session).length).toBeGreaterThan(300);
  });

  it('a FIT file that is not an activity', () => {
    expect(refusal(garminLikeFit({ fileType: 'monitoringB' }).bytes)).toEqual({
      code: 'fit-not-activity',
      fileType: 'monitoringB',
    });
  });

  it('a file that is not FIT at all', () => {
    expect(refusal(new Uint8Array())).toEqual({ code: 'fit-not-fit' });
    expect(refusal(new TextEncoder().encode('elapsed_s,time_iso,heart_rate_bpm\r\n'))).toEqual({
      code: 'fit-not-fit',
    });
    expect(refusal(new Uint8Array([14, 16]))).toEqual({ code: 'fit-not-fit' });
  });

  it('a truncated file', () => {
    expect(refusal(good.slice(0, good.length - 100))).toEqual({ code: 'fit-damaged' });
    expect(refusal(good.slice(0, 20))).toEqual({ code: 'fit-damaged' });
  });

  it('a file cut right after its header, as damaged rather than not FIT', () => {
    expect(refusal(good.slice(0, 14))).toEqual({ code: 'fit-damaged' });
    expect(refusal(good.slice(0, 12))).toEqual({ code: 'fit-damaged' });
    expect(refusal(good.slice(0, 11))).toEqual({ code: 'fit-not-fit' });
  });

  it('a file with one byte changed', () => {
    const corrupted = good.slice();
    const middle = Math.floor(corrupted.length / 2);
    corrupted[middle] = (corrupted[middle] ?? 0) ^ 0x40;
    expect(refusal(corrupted)).toEqual({ code: 'fit-damaged' });
  });

  it('a file cut inside a message whose header and checksums were then made to match', () => {
    expect(refusal(withFixedCrc(good, good.length - 16 - 3))).toEqual({
      code: 'fit-incomplete',
      detail: expect.any(String) as string,
    });
  });

  it('a file whose clock was never set', () => {
    expect(refusal(recordsAt([1_000, 2_000]))).toEqual({ code: 'fit-bad-times' });
  });

  it('a file that the backup could not keep, such as one spanning more than a week', () => {
    const start = Date.UTC(2026, 0, 1) - fitEpochMs;
    expect(refusal(recordsAt([start, start + 8 * 24 * 3600 * 1000]))).toEqual({
      code: 'fit-values-out-of-range',
      detail: expect.stringMatching(/^(samples|meta\.events\.\d+)\.elapsedMs/) as string,
    });
  });

  it('a file over the size limit', () => {
    const huge = new Uint8Array(defaultFitImportLimits.maxBytes + 1);
    expect(refusal(huge)).toEqual({ code: 'fit-too-large', megabytes: 50, maxMegabytes: 50 });
  });

  it('a file with more records or beats than the limits', () => {
    expect(refusal(good, { ...defaultFitImportLimits, maxRecords: 100 })).toEqual({
      code: 'fit-too-many-records',
      maxRecords: 100,
    });
    expect(refusal(good, { ...defaultFitImportLimits, maxRrIntervals: 50 })).toEqual({
      code: 'fit-too-many-heartbeats',
      maxHeartbeats: 50,
    });
  });
});

describe('importFit never throws', () => {
  const good = garminLikeFit().bytes;

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const result = importFit(bytes);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.refusal.code).toMatch(/^fit-/);
      }),
    );
  });

  it('on a real file with random bytes changed and the checksums fixed, so the decoder reads the damage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: good.length - 17 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (changes) => {
          const damaged = good.slice();
          for (const [offset, value] of changes) damaged[14 + offset] = value;
          const result = importFit(withFixedCrc(damaged));
          if (result.ok) {
            expect(result.session.samples.length).toBeGreaterThan(0);
            expect(result.session.meta.startedAtWallMs).toBeGreaterThan(Date.UTC(2000, 0, 1));
          } else {
            expect(result.refusal.code).toMatch(/^fit-/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('importFit of a run with a pause', () => {
  it('turns the timer stop and start into a pause, so the duration leaves it out', async () => {
    const { exportFit } = await import('../../../../src/adapters/files/fit-export');
    const startedAtWallMs = Date.UTC(2026, 2, 1, 7);
    const samples = Array.from({ length: 30 }, (_, i) => ({
      elapsedMs: i < 10 ? i * 1000 : 60_000 + i * 1000,
      heartRateBpm: 130,
      sensorContact: 'contact' as const,
      rrIntervals1024: [472],
    }));
    const events = [
      { type: 'started' as const, elapsedMs: 0 },
      { type: 'paused' as const, elapsedMs: 10_000 },
      { type: 'resumed' as const, elapsedMs: 70_000 },
      { type: 'finished' as const, elapsedMs: 90_000 },
    ];
    const bytes = exportFit({
      meta: { id: 'paused-run', kind: 'run', status: 'finished', startedAtWallMs, notes: '', events },
      samples,
    });
    const result = importFit(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.session.meta.events.map((event) => [event.type, event.elapsedMs])).toEqual([
      ['started', 0],
      ['paused', 10_000],
      ['resumed', 70_000],
      ['finished', 90_000],
    ]);
  });
});
