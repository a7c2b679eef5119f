import { describe, expect, it } from 'vitest';
import {
  ScreenWakeLock,
  type WakeLockLike,
  type WakeLockSentinelLike,
} from '../../../../src/adapters/platform/wake-lock';
import { FakeVisibilityDocument } from './fake-visibility-document';

class FakeSentinel implements WakeLockSentinelLike {
  released = false;
  readonly #listeners: (() => void)[] = [];

  release(): Promise<void> {
    if (!this.released) {
      this.released = true;
      for (const listener of this.#listeners) listener();
    }
    return Promise.resolve();
  }

  addEventListener(_type: 'release', listener: () => void): void {
    this.#listeners.push(listener);
  }
}

/** navigator.wakeLock that, like browsers, refuses while the page is hidden and drops the lock when it hides. */
class FakeWakeLock implements WakeLockLike {
  readonly sentinels: FakeSentinel[] = [];
  refuse = false;
  /** Set to hold the next answer back until the test releases it. */
  gate: Promise<void> | undefined;

  constructor(readonly document: FakeVisibilityDocument) {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden')
        for (const sentinel of this.sentinels) void sentinel.release();
    });
  }

  get held(): FakeSentinel[] {
    return this.sentinels.filter((sentinel) => !sentinel.released);
  }

  async request(_type: 'screen'): Promise<FakeSentinel> {
    await this.gate;
    if (this.refuse || this.document.visibilityState === 'hidden') {
      throw new DOMException('not allowed', 'NotAllowedError');
    }
    const sentinel = new FakeSentinel();
    this.sentinels.push(sentinel);
    return sentinel;
  }
}

/** Lets promise chains started by event listeners run to the end. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(visibility: DocumentVisibilityState = 'visible') {
  const document = new FakeVisibilityDocument(visibility);
  const wakeLock = new FakeWakeLock(document);
  return { document, wakeLock, lock: new ScreenWakeLock({ wakeLock, document }) };
}

describe('ScreenWakeLock', () => {
  it('keeps the screen on, and takes the lock again when the page is visible after being hidden', async () => {
    const { document, wakeLock, lock } = setup();
    expect(await lock.start()).toBe('held');
    expect(wakeLock.held).toHaveLength(1);

    document.set('hidden');
    await settle();
    expect(wakeLock.held).toHaveLength(0);
    expect(lock.state).toBe('waiting-for-visible');

    document.set('visible');
    await settle();
    expect(wakeLock.held).toHaveLength(1);
    expect(wakeLock.sentinels).toHaveLength(2);
    expect(lock.state).toBe('held');
  });

  it('releases the lock on stop and no longer takes it on return', async () => {
    const { document, wakeLock, lock } = setup();
    await lock.start();
    await lock.stop();
    expect(wakeLock.held).toHaveLength(0);
    expect(lock.state).toBe('off');
    document.set('hidden');
    document.set('visible');
    await settle();
    expect(wakeLock.sentinels).toHaveLength(1);
  });

  it('waits for the page to be visible when started hidden', async () => {
    const { document, wakeLock, lock } = setup('hidden');
    expect(await lock.start()).toBe('waiting-for-visible');
    expect(wakeLock.sentinels).toHaveLength(0);
    document.set('visible');
    await settle();
    expect(lock.state).toBe('held');
  });

  it('reports a refusal without throwing, and tries again on the next return', async () => {
    const { document, wakeLock, lock } = setup();
    wakeLock.refuse = true;
    expect(await lock.start()).toBe('refused');
    wakeLock.refuse = false;
    document.set('hidden');
    document.set('visible');
    await settle();
    expect(lock.state).toBe('held');
  });

  it('releases a lock granted after stop() was called', async () => {
    const { wakeLock, lock } = setup();
    let open: () => void = () => undefined;
    wakeLock.gate = new Promise((resolve) => (open = resolve));
    const starting = lock.start();
    await lock.stop();
    open();
    await starting;
    expect(wakeLock.sentinels).toHaveLength(1);
    expect(wakeLock.held).toHaveLength(0);
  });

  it('holds one fresh lock when stopped and started again while the browser was answering', async () => {
    const { wakeLock, lock } = setup();
    let open: () => void = () => undefined;
    wakeLock.gate = new Promise((resolve) => (open = resolve));
    const first = lock.start();
    await lock.stop();
    const second = lock.start();
    wakeLock.gate = undefined;
    open();
    await Promise.all([first, second]);
    await settle();
    expect(wakeLock.sentinels).toHaveLength(2);
    expect(wakeLock.held).toHaveLength(1);
    expect(lock.state).toBe('held');
  });

  it('asks once for a quick hide and show during a request, and keeps at most one lock', async () => {
    const { document, wakeLock, lock } = setup();
    let open: () => void = () => undefined;
    wakeLock.gate = new Promise((resolve) => (open = resolve));
    const starting = lock.start();
    document.set('hidden');
    document.set('visible');
    open();
    await starting;
    await settle();
    expect(wakeLock.held).toHaveLength(1);
    expect(lock.state).toBe('held');
  });

  it('is unsupported, never throwing, without navigator.wakeLock', async () => {
    const lock = new ScreenWakeLock({ wakeLock: null, document: new FakeVisibilityDocument() });
    expect(await lock.start()).toBe('unsupported');
    await expect(lock.stop()).resolves.toBeUndefined();
    expect(lock.state).toBe('unsupported');
  });
});
