import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameThrottle } from '../../../../src/ui/charts/frame-throttle';

/** A page's animation frames and visibility, run by hand. */
class FakePage {
  visibilityState: DocumentVisibilityState = 'visible';
  readonly #frames = new Map<number, FrameRequestCallback>();
  readonly #listeners = new Set<() => void>();
  #nextId = 1;

  install(): void {
    const visibility = () => this.visibilityState;
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
      const id = this.#nextId++;
      this.#frames.set(id, callback);
      return id;
    });
    vi.stubGlobal('cancelAnimationFrame', (id: number) => this.#frames.delete(id));
    vi.stubGlobal('document', {
      get visibilityState() {
        return visibility();
      },
      addEventListener: (_type: string, listener: () => void) => this.#listeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => this.#listeners.delete(listener),
    });
  }

  get pendingFrames(): number {
    return this.#frames.size;
  }

  get visibilityListeners(): number {
    return this.#listeners.size;
  }

  /** Runs the callbacks of one animation frame, as a visible page does. */
  frame(): void {
    const callbacks = [...this.#frames.values()];
    this.#frames.clear();
    for (const callback of callbacks) callback(0);
  }

  show(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    for (const listener of [...this.#listeners]) listener();
  }
}

let page: FakePage;

beforeEach(() => {
  page = new FakePage();
  page.install();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('frameThrottle', () => {
  it('draws once per frame however often it is asked', () => {
    const draw = vi.fn();
    const frames = frameThrottle(draw);
    frames.request();
    frames.request();
    frames.request();
    expect(draw).not.toHaveBeenCalled();
    expect(page.pendingFrames).toBe(1);
    page.frame();
    expect(draw).toHaveBeenCalledTimes(1);
    page.frame();
    expect(draw).toHaveBeenCalledTimes(1);
    frames.request();
    page.frame();
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('does not draw while the page is hidden, and draws once when it shows again', () => {
    const draw = vi.fn();
    const frames = frameThrottle(draw);
    page.show('hidden');
    for (let packet = 0; packet < 5; packet++) frames.request();
    expect(page.pendingFrames).toBe(0);
    page.show('hidden');
    expect(page.pendingFrames).toBe(0);
    page.show('visible');
    page.frame();
    expect(draw).toHaveBeenCalledTimes(1);
    expect(page.visibilityListeners).toBe(0);
  });

  it('keeps a draw asked for just before the page was hidden until it shows again', () => {
    const draw = vi.fn();
    const frames = frameThrottle(draw);
    frames.request();
    page.visibilityState = 'hidden';
    page.frame();
    expect(draw).not.toHaveBeenCalled();
    page.show('visible');
    page.frame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('forgets what was asked for when cancelled', () => {
    const draw = vi.fn();
    const frames = frameThrottle(draw);
    frames.request();
    frames.cancel();
    page.frame();
    page.show('hidden');
    frames.request();
    frames.cancel();
    page.show('visible');
    page.frame();
    expect(draw).not.toHaveBeenCalled();
    expect(page.visibilityListeners).toBe(0);
  });
});
