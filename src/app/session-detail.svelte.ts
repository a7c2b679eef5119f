import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import { breathingPaceOf } from '../core/breathing/breathing-plan';
import {
  heartRateSeries,
  poincareSeries,
  tachogramSeries,
  type SeriesPoint,
} from '../core/session/chart-series';
import type { SessionMeta } from '../core/session/session-model';
import { withZoneTimeRecounted } from '../core/session/session-zone-time';
import type { SessionLibrary } from './session-library.svelte';
import { exportSession, type ExportFormat } from './session-export';
import { loadSessionWithSamples } from './session-files';
import { restingResultView, type RestingResultView } from './resting-result';
import { zoneTimeView, type ZoneTimeView } from './zone-time-view';

/** One stored session for the detail screen: loaded once, notes editable, exportable. */
export class SessionDetail {
  session = $state.raw<SessionWithSamples | undefined>();
  notFound = $state(false);
  notesSaved = $state(false);
  saveFailed = $state(false);
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
  /** A resting check's figures or refusal; undefined for any other session. */
  readonly restingResult: RestingResultView | undefined = $derived(
    restingResultView(this.session?.meta.summary),
  );
  /** Time in zone with its percentages and the numbers of its definition; undefined without a zone. */
  readonly zoneTime: ZoneTimeView | undefined = $derived(
    this.session ? zoneTimeView(this.session.meta) : undefined,
  );
  readonly #library: SessionLibrary;

  constructor(library: SessionLibrary) {
    this.#library = library;
  }

  async load(id: string): Promise<void> {
    const store = this.#library.store;
    if (!store) return;
    const loaded = await loadSessionWithSamples(store, id);
    const recounted = loaded && withZoneTimeRecounted(loaded.meta, loaded.samples);
    const session = loaded && recounted ? { ...loaded, meta: recounted } : loaded;
    this.session = session;
    this.notFound = session === undefined;
    if (recounted) await this.#keepRecounted(recounted);
  }

  /**
   * A run summarised before time in zone had one definition is shown counted as today; storing that, too, makes
   * history agree from now on. Best effort: the screen already shows the figure.
   */
  async #keepRecounted(meta: SessionMeta): Promise<void> {
    try {
      await this.#library.store?.updateMeta(meta);
      this.#library.changed();
    } catch {
      // Counted again at the next visit.
    }
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
