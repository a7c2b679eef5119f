import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import { breathingPaceOf } from '../core/breathing/breathing-plan';
import {
  heartRateSeries,
  poincareSeries,
  tachogramSeries,
  type SeriesPoint,
} from '../core/session/chart-series';
import { inZonePercent } from '../core/session/time-in-zone';
import type { SessionLibrary } from './session-library.svelte';
import { exportSession, type ExportFormat } from './session-export';
import { loadSessionWithSamples } from './session-files';

/** One stored session for the detail screen: loaded once, notes editable, exportable. */
export class SessionDetail {
  session = $state.raw<SessionWithSamples | undefined>();
  notFound = $state(false);
  notesSaved = $state(false);
  saveFailed = $state(false);
  /** Active minutes, rounded, for "You ran 32 minutes". */
  readonly activeMinutes: number = $derived(Math.round((this.session?.meta.summary?.activeMs ?? 0) / 60_000));
  readonly inZonePercent: number | undefined = $derived.by(() => {
    const zoneTime = this.session?.meta.summary?.timeInZoneMs;
    return zoneTime ? inZonePercent(zoneTime) : undefined;
  });
  /** A breathing exercise's pace, from its plan; undefined for a run. */
  readonly breathingPace = $derived(breathingPaceOf(this.session?.meta.plan));
  // The chart series are worked out when a chart first reads them, not on load: a 3-hour run has tens of thousands
  // of beats, and the HRV charts are drawn only when their section is opened.
  readonly heartRatePoints: SeriesPoint[] = $derived(heartRateSeries(this.session?.samples ?? []));
  readonly tachogramPoints: SeriesPoint[] = $derived(tachogramSeries(this.session?.samples ?? []));
  readonly poincarePoints: { x: number; y: number }[] = $derived(poincareSeries(this.session?.samples ?? []));
  /** DFA alpha 1 over the run, minutes on x. */
  readonly dfaPoints: { x: number; y: number }[] = $derived(
    (this.session?.meta.summary?.dfaAlpha1Timeline ?? []).map((point) => ({
      x: point.elapsedMs / 60_000,
      y: point.alpha1,
    })),
  );
  readonly #library: SessionLibrary;

  constructor(library: SessionLibrary) {
    this.#library = library;
  }

  async load(id: string): Promise<void> {
    const store = this.#library.store;
    if (!store) return;
    const session = await loadSessionWithSamples(store, id);
    this.session = session;
    this.notFound = session === undefined;
  }

  async saveNotes(notes: string): Promise<void> {
    const store = this.#library.store;
    const session = this.session;
    if (!store || !session) return;
    const meta = { ...session.meta, notes: notes.trim() };
    try {
      await store.updateMeta(meta);
      this.session = { ...session, meta };
      this.notesSaved = true;
      this.saveFailed = false;
      this.#library.changed();
    } catch {
      this.saveFailed = true;
    }
  }

  async export(format: ExportFormat): Promise<void> {
    if (this.session) await exportSession(this.session, format);
  }
}
