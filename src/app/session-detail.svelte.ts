import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import type { SessionLibrary } from './session-library.svelte';
import { exportSession, type ExportFormat } from './session-export';
import { loadSessionWithSamples } from './session-files';

/** One stored session for the detail screen: loaded once, notes editable, exportable. */
export class SessionDetail {
  session = $state.raw<SessionWithSamples | undefined>();
  notFound = $state(false);
  notesSaved = $state(false);
  saveFailed = $state(false);
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
