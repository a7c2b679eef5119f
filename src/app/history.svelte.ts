import type { HistoryEntry } from '../adapters/storage/history-entry';
import type { DeletedSession, HistoryQuery } from '../adapters/storage/session-storage';
import { historyLineOf, type HistoryLine } from './history-line';
import type { SessionLibrary } from './session-library.svelte';
import { exportEverySession, importSessionFile, type ImportOutcome } from './session-files';

const undoWindowMs = 10_000;

/** The history screen's state: the list from summaries only, filters, delete with undo, import and export. */
export class HistoryState {
  entries = $state.raw<HistoryEntry[] | undefined>();
  /** The entries as the list shows them, newest first. */
  readonly lines: HistoryLine[] | undefined = $derived(this.entries?.map(historyLineOf));
  storageUsedBytes = $state<number | undefined>();
  runnerId = $state<string | null | undefined>();
  fromDate = $state('');
  toDate = $state('');
  lastDeleted = $state.raw<DeletedSession | undefined>();
  importOutcome = $state.raw<ImportOutcome | undefined>();
  busy = $state(false);
  readonly #library: SessionLibrary;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(library: SessionLibrary) {
    this.#library = library;
  }

  /**
   * Runners seen in the stored sessions, for the filter (the list is small: summaries only). A filtered list only
   * holds one runner's sessions: the runners seen before are kept, so another runner can be picked straight away.
   */
  runners = $state.raw<{ id: string; name: string }[]>([]);

  async load(): Promise<void> {
    const store = this.#library.store;
    if (!store) return;
    const query: HistoryQuery = {};
    if (this.runnerId !== undefined) query.runnerId = this.runnerId;
    const fromMs = dateInputToMs(this.fromDate);
    const toMs = dateInputToMs(this.toDate);
    if (fromMs !== undefined) query.fromWallMs = fromMs;
    // The "to" day is included: the query's end is exclusive, so it is the next midnight.
    if (toMs !== undefined) query.toWallMs = toMs + 24 * 3600_000;
    const [entries, used] = await Promise.all([store.listHistory(query), store.storageUsedBytes()]);
    this.entries = entries;
    this.storageUsedBytes = used;
    const unfiltered = this.runnerId === undefined && fromMs === undefined && toMs === undefined;
    this.runners = runnersOf(unfiltered ? [] : this.runners, entries);
  }

  async remove(id: string): Promise<void> {
    const deleted = await this.#library.store?.deleteSession(id);
    if (!deleted) return;
    clearTimeout(this.#undoTimer);
    this.lastDeleted = deleted;
    this.#undoTimer = setTimeout(() => {
      this.lastDeleted = undefined;
    }, undoWindowMs);
    this.#library.changed();
    await this.load();
  }

  async undoDelete(): Promise<void> {
    const deleted = this.lastDeleted;
    if (!deleted) return;
    clearTimeout(this.#undoTimer);
    this.lastDeleted = undefined;
    await this.#library.store?.restoreSession(deleted);
    this.#library.changed();
    await this.load();
  }

  async exportEverything(): Promise<void> {
    const store = this.#library.store;
    if (!store) return;
    this.busy = true;
    try {
      await exportEverySession(store);
    } finally {
      this.busy = false;
    }
  }

  async importFile(file: File): Promise<void> {
    const store = this.#library.store;
    if (!store) return;
    this.busy = true;
    try {
      this.importOutcome = await importSessionFile(store, file);
      this.#library.changed();
      await this.load();
    } finally {
      this.busy = false;
    }
  }

  dispose(): void {
    clearTimeout(this.#undoTimer);
  }
}

/** `<input type="date">` gives "YYYY-MM-DD": local midnight of that day, or undefined when empty. */
function dateInputToMs(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** The runners already known, then any new ones of these entries, each once. */
function runnersOf(
  known: readonly { id: string; name: string }[],
  entries: readonly HistoryEntry[],
): { id: string; name: string }[] {
  const runners = [...known];
  for (const entry of entries) {
    const id = entry.runnerId;
    if (id !== undefined && !runners.some((runner) => runner.id === id)) {
      runners.push({ id, name: entry.runnerName ?? id });
    }
  }
  return runners;
}
