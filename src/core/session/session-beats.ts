import { msPerRrUnit } from '../ble/heart-rate-measurement';
import { correctArtifacts, type ArtifactReport } from '../hrv/index';
import type { SessionSample } from './session-model';

/** RR intervals of a session in ms, and where each sample's intervals start among them. */
export interface SessionBeats {
  /** RR intervals in ms, in order. */
  readonly rrMs: number[];
  /** The intervals of samples[i] are rrMs[beatStart[i] .. beatStart[i + 1]); length samples.length + 1. */
  readonly beatStart: Int32Array;
}

/**
 * The valid RR intervals of the samples, in ms (exactly rr1024 · 1000/1024, as the strap decoder gives them).
 * An interval of 0, which no heart beats, is left out, as the HRV core would drop it.
 */
export function sessionBeats(samples: readonly SessionSample[]): SessionBeats {
  const beatStart = new Int32Array(samples.length + 1);
  const rrMs: number[] = [];
  for (const [i, sample] of samples.entries()) {
    beatStart[i] = rrMs.length;
    for (const rr1024 of sample.rrIntervals1024) if (rr1024 > 0) rrMs.push(rr1024 * msPerRrUnit);
  }
  beatStart[samples.length] = rrMs.length;
  return { rrMs, beatStart };
}

/** The whole session's RR after the HRV core's artifact correction, still located by sample. */
export interface CorrectedBeats extends SessionBeats {
  /** The detection on the raw beats (indices into the raw {@link SessionBeats.rrMs}). */
  readonly report: ArtifactReport;
  /**
   * False when the corrected series could not be located by sample (the core's correction no longer splits a
   * missed beat in two and folds an extra one into the next, as documented): then `beatStart` is unusable and
   * windows must be corrected on their own.
   */
  readonly located: boolean;
}

/**
 * Corrects the whole session once with `correctArtifacts` and locates the corrected intervals by sample, so a
 * window of samples is a slice of the corrected series (a 3-hour timeline then costs one correction, not one
 * per window). The core's correction turns a missed beat into two intervals and merges an extra one into the
 * next (dropped when last), and keeps every other interval in place: each raw interval thus maps to 2, 0 or 1
 * corrected ones, which is checked against the corrected length.
 */
export function correctSessionBeats(beats: SessionBeats): CorrectedBeats {
  const { rrMs: raw, beatStart } = beats;
  const corrected = correctArtifacts(raw);
  const outputs = new Uint8Array(raw.length).fill(1);
  const extra = new Uint8Array(raw.length);
  for (const i of corrected.report.extra) {
    extra[i] = 1;
    outputs[i] = 0;
  }
  for (const i of corrected.report.missed) outputs[i] = extra[i] === 1 ? 1 : 2;

  const correctedAt = new Int32Array(raw.length + 1);
  for (let i = 0; i < raw.length; i++) correctedAt[i + 1] = (correctedAt[i] ?? 0) + (outputs[i] ?? 0);
  const located = correctedAt[raw.length] === corrected.rrMs.length;
  const correctedStart = new Int32Array(beatStart.length);
  for (let s = 0; s < beatStart.length; s++) correctedStart[s] = correctedAt[beatStart[s] ?? 0] ?? 0;
  return { rrMs: corrected.rrMs, beatStart: correctedStart, report: corrected.report, located };
}
