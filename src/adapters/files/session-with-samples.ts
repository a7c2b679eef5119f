import type { SessionMeta, SessionSample } from '../../core/session/session-model';
import type { ImportRefusal } from './import-refusal';

/** One session as the file formats see it: its record and every sample, in recording order. */
export interface SessionWithSamples {
  meta: SessionMeta;
  samples: SessionSample[];
}

/** What an import gives back: a whole result or a reason to show the runner, never part of a file. */
export interface Refusal {
  ok: false;
  refusal: ImportRefusal;
}
