import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SecondTicker } from '../../../src/app/second-ticker';

describe('SecondTicker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  test('runs every listener once a second from one timer, in the order they were added', () => {
    const ticker = new SecondTicker();
    const calls: string[] = [];
    ticker.add(() => calls.push('screen'));
    ticker.add(() => calls.push('coach'));
    ticker.add(() => calls.push('recording'));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['screen', 'coach', 'recording']);
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(6);
  });

  test('stops its timer when the last listener leaves, and starts again with the next', () => {
    const ticker = new SecondTicker();
    const first = vi.fn();
    const second = vi.fn();
    const removeFirst = ticker.add(first);
    const removeSecond = ticker.add(second);
    removeFirst();
    vi.advanceTimersByTime(1000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    removeSecond();
    expect(vi.getTimerCount()).toBe(0);
    const third = vi.fn();
    ticker.add(third);
    vi.advanceTimersByTime(1000);
    expect(third).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });

  test('the same function added twice is called twice and removed one at a time', () => {
    const ticker = new SecondTicker();
    const listener = vi.fn();
    const removeOne = ticker.add(listener);
    ticker.add(listener);
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledTimes(2);
    removeOne();
    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  test('a listener that throws does not stop the ones after it; its error is still reported', () => {
    const reported: (() => void)[] = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => reported.push(task));
    const ticker = new SecondTicker();
    const after = vi.fn();
    ticker.add(() => {
      throw new Error('broken clock');
    });
    ticker.add(after);
    vi.advanceTimersByTime(1000);
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toHaveLength(1);
    expect(() => reported[0]?.()).toThrow('broken clock');
  });

  test('a listener removed by an earlier one in the same tick is still called this tick, not after', () => {
    const ticker = new SecondTicker();
    const later = vi.fn();
    let removeLater: () => void = () => undefined;
    ticker.add(() => removeLater());
    removeLater = ticker.add(later);
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(1000);
    expect(later).toHaveBeenCalledTimes(1);
  });
});
