import { SampleCodecError } from './byte-stream';
import { decodeSamples, encodeSamples } from './sample-codec';
import type { SampleChunk, SessionSample } from './session-model';
import type { RecorderState } from './session-recorder';

/** Storage appends a chunk at least this often while recording, so a crash loses at most this much (ms). */
export const CHUNK_INTERVAL_MS = 5000;

/**
 * Hands out the samples not yet stored as one chunk (seq 0, 1, 2, ... per session), or no chunk when there are
 * none. Each chunk encodes its samples on its own (absolute first elapsed time), so any chunk decodes without
 * the others. Works after `finish` too, for the final flush. If storing the chunk fails, keep the previous state
 * and call again: nothing is lost.
 */
export function takeChunk(state: RecorderState): { state: RecorderState; chunk: SampleChunk | undefined } {
  const { meta, samples, storedCount } = state;
  if (meta === undefined || storedCount >= samples.length) return { state, chunk: undefined };
  const pending = samples.slice(storedCount);
  const first = pending[0];
  const last = pending[pending.length - 1];
  if (first === undefined || last === undefined) return { state, chunk: undefined };
  const chunk: SampleChunk = {
    sessionId: meta.id,
    seq: state.nextChunkSeq,
    firstElapsedMs: first.elapsedMs,
    lastElapsedMs: last.elapsedMs,
    sampleCount: pending.length,
    bytes: encodeSamples(pending),
  };
  return {
    state: {
      ...state,
      storedCount: samples.length,
      nextChunkSeq: state.nextChunkSeq + 1,
    },
    chunk,
  };
}

/**
 * Whether samples are waiting and {@link CHUNK_INTERVAL_MS} (or `intervalMs`) of the run's time passed since the
 * newest sample already stored. Counted from that sample, not from when its chunk was taken: a crash loses what
 * came after it, so a chunk taken by a late timer must not put the next one off.
 */
export function isChunkDue(state: RecorderState, nowMs: number, intervalMs = CHUNK_INTERVAL_MS): boolean {
  if (state.storedCount >= state.samples.length) return false;
  const newestStored = state.samples[state.storedCount - 1];
  return newestStored === undefined || nowMs - state.originMs - newestStored.elapsedMs >= intervalMs;
}

/**
 * Decodes a stored chunk and checks it against its own record (count, first and last elapsed time): a chunk
 * whose bytes and fields disagree is refused with a {@link SampleCodecError}, like damaged bytes.
 */
export function decodeChunk(chunk: SampleChunk): SessionSample[] {
  const samples = decodeSamples(chunk.bytes);
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (
    samples.length !== chunk.sampleCount ||
    (first !== undefined && first.elapsedMs !== chunk.firstElapsedMs) ||
    (last !== undefined && last.elapsedMs !== chunk.lastElapsedMs)
  ) {
    throw new SampleCodecError(
      `chunk ${chunk.seq} of session ${chunk.sessionId} says ${chunk.sampleCount} samples ` +
        `${chunk.firstElapsedMs}-${chunk.lastElapsedMs} ms; its bytes hold ${samples.length} ` +
        `${first?.elapsedMs ?? '-'}-${last?.elapsedMs ?? '-'} ms`,
      0,
      chunk.bytes.length,
    );
  }
  return samples;
}

/**
 * Every sample of a session from its stored chunks: sorted by seq, decoded and concatenated. Refuses (with a
 * {@link SampleCodecError}) a missing or repeated seq or chunks out of time order, rather than show a wrong run.
 */
export function samplesFromChunks(chunks: readonly SampleChunk[]): SessionSample[] {
  const ordered = [...chunks].sort((a, b) => a.seq - b.seq);
  const samples: SessionSample[] = [];
  for (const [index, chunk] of ordered.entries()) {
    if (chunk.seq !== index) {
      throw new SampleCodecError(`chunk seq ${index} is missing or repeated (found ${chunk.seq})`, 0, 0);
    }
    const previous = samples[samples.length - 1];
    if (previous !== undefined && chunk.firstElapsedMs < previous.elapsedMs) {
      throw new SampleCodecError(
        `chunk ${chunk.seq} starts before the previous one ends`,
        0,
        chunk.bytes.length,
      );
    }
    for (const sample of decodeChunk(chunk)) samples.push(sample);
  }
  return samples;
}
