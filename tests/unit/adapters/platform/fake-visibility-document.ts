import type { VisibilityDocument } from '../../../../src/adapters/platform/page-visibility';

export class FakeVisibilityDocument implements VisibilityDocument {
  visibilityState: DocumentVisibilityState;
  readonly #listeners = new Set<() => void>();

  constructor(visibilityState: DocumentVisibilityState = 'visible') {
    this.visibilityState = visibilityState;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** The browser changes the page's visibility and fires visibilitychange. */
  set(visibilityState: DocumentVisibilityState): void {
    this.visibilityState = visibilityState;
    for (const listener of [...this.#listeners]) listener();
  }

  addEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#listeners.delete(listener);
  }
}
