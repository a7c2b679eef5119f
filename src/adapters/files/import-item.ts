import { encodeSamples } from '../../core/session/sample-codec';
import { summarizeSession } from '../../core/session/session-summary';
import type { SampleChunk } from '../../core/session/session-model';
import type { ImportItem } from '../storage/session-storage';
import type { SessionWithSamples } from './session-with-samples';

/**
 * A validated session as the store imports it: its summary (computed when the file had none) and its samples as
 * one chunk in the store's codec.
 */
export function toImportItem({ meta, samples }: SessionWithSamples): ImportItem {
  const summary = meta.summary ?? summarizeSession(meta, samples);
  const chunks: SampleChunk[] =
    samples.length === 0
      ? []
      : [
          {
            sessionId: meta.id,
            seq: 0,
            firstElapsedMs: samples[0]?.elapsedMs ?? 0,
            lastElapsedMs: samples.at(-1)?.elapsedMs ?? 0,
            sampleCount: samples.length,
            bytes: encodeSamples(samples),
          },
        ];
  return { meta: { ...meta, summary }, chunks };
}
