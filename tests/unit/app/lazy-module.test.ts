import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyModule, prefetchWhenIdle } from '../../../src/app/lazy-module';

describe('lazyModule', () => {
  it('loads once, shares the load in flight, and keeps the result at hand', async () => {
    let calls = 0;
    const lazy = lazyModule(() => {
      calls++;
      return Promise.resolve('screen');
    });
    expect(lazy.current).toBeUndefined();
    const [first, second] = await Promise.all([lazy.load(), lazy.load()]);
    expect([first, second, lazy.current, calls]).toEqual(['screen', 'screen', 'screen', 1]);
    await lazy.load();
    expect(calls).toBe(1);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    let calls = 0;
    const lazy = lazyModule(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(42);
    });
    await expect(lazy.load()).rejects.toThrow('offline');
    expect(lazy.current).toBeUndefined();
    expect(await lazy.load()).toBe(42);
    expect(calls).toBe(2);
  });
});

describe('prefetchWhenIdle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads every module once the browser is idle, and a failed load stays silent', async () => {
    vi.useFakeTimers();
    const loaded: string[] = [];
    const failing = lazyModule(() => Promise.reject(new Error('offline')));
    const screen = lazyModule(() => {
      loaded.push('screen');
      return Promise.resolve('screen');
    });
    prefetchWhenIdle([failing, screen]);
    expect(loaded).toEqual([]);
    await vi.runAllTimersAsync();
    expect(loaded).toEqual(['screen']);
    expect(screen.current).toBe('screen');
  });

  it('loads nothing once cancelled', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const screen = lazyModule(() => {
      calls++;
      return Promise.resolve('screen');
    });
    const cancel = prefetchWhenIdle([screen]);
    cancel();
    await vi.runAllTimersAsync();
    expect(calls).toBe(0);
  });
});
