import { describe, expect, it } from 'vitest';
import { lazyModule } from '../../../src/app/lazy-module';

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
