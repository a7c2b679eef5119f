import type { SessionStorage } from '../adapters/storage/session-storage';
import { weeklyCoherence, type WeeklyCoherence } from '../core/breathing/index';

/** Mean coherence of the breathing exercises per week, for the trend on the breathing screen. */
export class CoherenceTrend {
  /** Oldest week first; undefined while loading. */
  weeks = $state.raw<readonly WeeklyCoherence[] | undefined>();
  #latest = 0;

  /** Reads the runner's exercises (every session without a runner) from the store; the newest call wins. */
  async load(
    store: Pick<SessionStorage, 'listHistory'>,
    runnerId: string | undefined,
    nowWallMs = Date.now(),
  ): Promise<void> {
    const call = ++this.#latest;
    const entries = await store.listHistory(runnerId !== undefined ? { runnerId } : {});
    if (call !== this.#latest) return;
    this.weeks = weeklyCoherence(
      entries.flatMap((entry) =>
        entry.kind === 'breathing' && entry.summary?.meanCoherence !== undefined
          ? [{ startedAtWallMs: entry.startedAtWallMs, meanCoherence: entry.summary.meanCoherence }]
          : [],
      ),
      nowWallMs,
    );
  }

  /** Newest week first, as the table lists them. */
  get newestFirst(): readonly WeeklyCoherence[] {
    return [...(this.weeks ?? [])].reverse();
  }
}
