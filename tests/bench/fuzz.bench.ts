import { randomInt } from 'node:crypto';
import { expect, test } from 'vitest';
import { sessionIssue } from '../../src/adapters/files/session-schema';
import { defaultBackupLimits } from '../../src/adapters/files/file-limits';
import {
  bytesToHex,
  decodeHeartRateMeasurement,
  MalformedPacketError,
  maxHeartRateBpm,
  msPerRrUnit,
  toStrapMeasurement,
  type HeartRateMeasurement,
} from '../../src/core';
import {
  CHUNK_INTERVAL_MS,
  createRecorder,
  isChunkDue,
  recordSession,
  samplesFromChunks,
  takeChunk,
  type RecorderState,
  type SampleChunk,
  type SessionSample,
} from '../../src/core/session';
import { recordFigure } from './support/figures';
import { fuzzPacket, specReading, validVectorPackets, type Mutation } from './support/fuzz-packets';

/**
 * A million hostile Heart Rate Measurement packets through the decoder and, as the app feeds it, the session
 * recorder: each packet is decoded, a decoded one becomes a measurement for the recorder, chunks are taken as the
 * run screen takes them (every 5 s), and every 3,600 packets the session is finished and checked whole (runs and
 * breathing sessions in turn).
 *
 * Asserted: nothing but MalformedPacketError ever comes out of the decoder, and it refuses exactly the packets the
 * specification says cannot be read (an oracle written from the spec, support/fuzz-packets.ts); every decoded
 * packet is one sample, holding the packet's own values; the chunks decode back to those samples; the finished
 * session can be kept by a backup (session-schema); no packet takes longer than a second (a hang or a quadratic
 * blow-up; the typical time is a fraction of a microsecond).
 *
 * The seed is random unless FUZZ_SEED is set, and printed first: a failure names the seed, the packet's index and
 * its bytes, and `FUZZ_SEED=<seed> npm run bench -- tests/bench/fuzz.bench.ts` replays the same run.
 */

const packetCount = 1_000_000;
const sessionKinds = ['run', 'breathing', 'resting'] as const;
const packetsPerSession = 3_600;
/** Far above any real packet (well under a microsecond): only a hang or a quadratic blow-up gets near it. */
const maxPacketMsBound = 1_000;

function fuzzSeed(): number {
  const fromEnvironment = process.env.FUZZ_SEED;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return Number(fromEnvironment) >>> 0;
  return randomInt(2 ** 32 - 1);
}

class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

interface OpenSession {
  state: RecorderState;
  chunks: SampleChunk[];
  decodedPackets: number;
  /** Each sample's packet, for the failure report of a session-level check. */
  packetHex: string[];
}

test('fuzz: a million random and mutated packets through the decoder and the recorder', () => {
  const seed = fuzzSeed();
  console.log(`fuzz seed: ${seed} (FUZZ_SEED=${seed} replays this run)`);
  const bases = validVectorPackets();
  expect(bases.length).toBeGreaterThan(20);

  const fail = (index: number, bytes: Uint8Array, message: string): never => {
    throw new FuzzFailure(
      `fuzz seed ${seed}, packet ${index} [${bytesToHex(bytes)}] (${bytes.length} bytes): ${message}`,
    );
  };

  let nowMs = 1_000;
  const wallClockOffsetMs = Date.UTC(2026, 4, 17, 6);
  const open = (sessionIndex: number): OpenSession => ({
    state: recordSession(createRecorder(), {
      type: 'start',
      id: `fuzz-${sessionIndex}`,
      // Breathing sessions add the coherence timeline to the summary, resting checks the frequency domain.
      kind: sessionKinds[sessionIndex % sessionKinds.length] ?? 'run',
      atMs: nowMs,
      wallClockMs: wallClockOffsetMs + nowMs,
      strapLive: true,
      zone: { lowBpm: 130, highBpm: 150, method: 'percent-reserve' },
    }),
    chunks: [],
    decodedPackets: 0,
    packetHex: [],
  });
  const flush = (session: OpenSession): void => {
    const taken = takeChunk(session.state);
    session.state = taken.state;
    if (taken.chunk) session.chunks.push(taken.chunk);
  };

  let refused = 0;
  let sessions = 0;
  let timedMs = 0;
  let maxPacketMs = 0;
  let slowestHex = '';
  const refusedBy = new Map<Mutation, { seen: number; refused: number }>();
  let session = open(sessions);

  for (let index = 0; index < packetCount; index++) {
    const { mutation, bytes } = fuzzPacket(seed, index, bases);
    // Strap notifications come about once a second; now and then the strap drops out for a while.
    nowMs += index % 997 === 0 ? 12_000 : 700 + ((index * 7919) % 600);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

    let decoded: HeartRateMeasurement | undefined;
    let thrown: unknown;
    let after: RecorderState | undefined;
    const startMs = performance.now();
    try {
      decoded = decodeHeartRateMeasurement(view);
      after = recordSession(session.state, {
        type: 'measurement',
        measurement: toStrapMeasurement(decoded, nowMs, wallClockOffsetMs + nowMs),
      });
    } catch (error) {
      thrown = error;
    }
    const packetMs = performance.now() - startMs;
    timedMs += packetMs;
    if (packetMs > maxPacketMs) {
      maxPacketMs = packetMs;
      slowestHex = bytesToHex(bytes);
    }
    if (packetMs > maxPacketMsBound) fail(index, bytes, `took ${packetMs.toFixed(1)} ms`);

    const counts = refusedBy.get(mutation) ?? { seen: 0, refused: 0 };
    counts.seen += 1;
    refusedBy.set(mutation, counts);
    const expected = specReading(bytes);
    if (thrown !== undefined) {
      if (!(thrown instanceof MalformedPacketError) || decoded !== undefined) {
        return fail(
          index,
          bytes,
          `threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `a ${typeof thrown}`}`,
        );
      }
      if (expected !== undefined)
        fail(index, bytes, `refused a packet the specification reads (${thrown.message})`);
      refused += 1;
      counts.refused += 1;
      continue;
    }
    if (decoded === undefined || after === undefined)
      return fail(index, bytes, 'neither decoded nor refused');
    if (expected === undefined) fail(index, bytes, 'decoded a packet the specification cannot read');
    else checkDecoded(decoded, expected, (message) => fail(index, bytes, message));

    session.state = after;
    session.decodedPackets += 1;
    session.packetHex.push(bytesToHex(bytes));
    const samples = after.samples;
    if (samples.length !== session.decodedPackets) {
      fail(index, bytes, `${session.decodedPackets} packets decoded, ${samples.length} samples recorded`);
    }
    const sample = samples[samples.length - 1];
    if (sample === undefined || expected === undefined) return fail(index, bytes, 'no sample recorded');
    checkSample(sample, expected, (message) => fail(index, bytes, message));

    if (isChunkDue(session.state, nowMs, CHUNK_INTERVAL_MS - 1_000)) flush(session);
    if (session.decodedPackets === packetsPerSession || index === packetCount - 1) {
      finishAndCheck(session, (message, sampleIndex) =>
        fail(
          index,
          bytes,
          `session ${sessions}: ${message} (sample ${sampleIndex}: [${session.packetHex[sampleIndex] ?? ''}])`,
        ),
      );
      sessions += 1;
      session = open(sessions);
    }
  }

  const share = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
  console.log(
    'refused by mutation: ' +
      [...refusedBy.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([mutation, { seen, refused: count }]) => `${mutation} ${share(count, seen).toFixed(1)} %`)
        .join(', '),
  );
  // A GC pause or the machine's load is as likely a cause as the packet itself.
  console.log(`slowest packet: [${slowestHex}]; ${sessions} sessions finished and checked`);
  recordFigure('fuzz.packets', packetCount, 'packets');
  recordFigure('fuzz.refusedPct', share(refused, packetCount), '%');
  recordFigure('fuzz.packetsPerSecond', packetCount / (timedMs / 1000), 'packets/s');
  recordFigure('fuzz.maxPacketUs', maxPacketMs * 1000, 'µs');
  recordFigure('fuzz.sessions', sessions, 'sessions');
  expect(refused).toBeGreaterThan(0);
  expect(refused).toBeLessThan(packetCount);

  function finishAndCheck(open: OpenSession, failAt: (message: string, sampleIndex: number) => never): void {
    nowMs += 1_000;
    open.state = recordSession(open.state, {
      type: 'finish',
      atMs: nowMs,
      wallClockMs: wallClockOffsetMs + nowMs,
    });
    flush(open);
    const { meta, samples } = open.state;
    if (meta?.summary === undefined) return failAt('no summary after finish', 0);
    let beats = 0;
    for (const sample of samples) beats += sample.rrIntervals1024.length;
    if (meta.summary.beatCount !== beats)
      failAt(`summary counts ${meta.summary.beatCount} beats of ${beats}`, 0);
    const stored = samplesFromChunks(open.chunks);
    if (stored.length !== samples.length)
      failAt(`${stored.length} samples in the chunks of ${samples.length}`, 0);
    stored.forEach((back, sampleIndex) => {
      if (JSON.stringify(back) !== JSON.stringify(samples[sampleIndex]))
        failAt('a chunk gives another sample', sampleIndex);
    });
    const issue = sessionIssue({ meta, samples: [...samples] }, defaultBackupLimits);
    if (issue !== undefined) {
      const sampleIndex = Number(/^samples\.\w+\.(\d+)/u.exec(issue)?.[1] ?? 0);
      failAt(`a backup could not keep the session: ${issue}`, sampleIndex);
    }
  }
});

type SpecReading = NonNullable<ReturnType<typeof specReading>>;

function checkDecoded(
  decoded: HeartRateMeasurement,
  expected: SpecReading,
  fail: (message: string) => never,
): void {
  if (decoded.heartRateBpm !== expected.heartRateBpm)
    fail(`heart rate ${decoded.heartRateBpm}, not ${expected.heartRateBpm}`);
  if (decoded.sensorContact !== expected.contact)
    fail(`contact ${decoded.sensorContact}, not ${expected.contact}`);
  if (decoded.energyExpendedKj !== expected.energyKj)
    fail(`energy ${decoded.energyExpendedKj}, not ${expected.energyKj}`);
  const rr = decoded.rrIntervalsMs;
  if (
    rr.length !== expected.rr1024.length ||
    rr.some((ms, i) => ms !== (expected.rr1024[i] ?? -1) * msPerRrUnit)
  ) {
    fail(`RR ${rr.join(' ')} ms, not ${expected.rr1024.join(' ')} /1024 s`);
  }
}

/**
 * The sample holds the packet's values as the app keeps them: no reading for 0 bpm, for a rate no heart beats at or
 * without skin contact; every RR interval but 0 (not a beat), each a whole 1 to 65,535 in 1/1024 s.
 */
function checkSample(sample: SessionSample, expected: SpecReading, fail: (message: string) => never): void {
  const noReading =
    expected.heartRateBpm === 0 ||
    expected.heartRateBpm > maxHeartRateBpm ||
    expected.contact === 'no-contact';
  const heartRateBpm = noReading ? null : expected.heartRateBpm;
  if (sample.heartRateBpm !== heartRateBpm)
    fail(`sample heart rate ${sample.heartRateBpm}, not ${heartRateBpm}`);
  if (sample.sensorContact !== expected.contact) fail(`sample contact ${sample.sensorContact}`);
  const rr = sample.rrIntervals1024;
  const beats = expected.rr1024.filter((value) => value !== 0);
  if (rr.length !== beats.length || rr.some((value, i) => value !== beats[i])) {
    fail(`sample RR ${rr.join(' ')}, not ${beats.join(' ')}`);
  }
  if (rr.some((value) => !Number.isInteger(value) || value < 1 || value > 0xffff)) {
    fail(`an RR value out of range: ${rr.join(' ')}`);
  }
}
