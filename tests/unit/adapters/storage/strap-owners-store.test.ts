import { describe, expect, it } from 'vitest';
import {
  assignStrap,
  loadStrapOwners,
  saveStrapOwners,
  strapOfRunner,
} from '../../../../src/adapters/storage/strap-owners-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
  };
}

describe('strap owners', () => {
  it('stores and reads back which runner each strap belongs to', () => {
    const storage = memoryStorage();
    const owners = assignStrap(assignStrap({}, 'dev-a', 'ann'), 'dev-b', 'bo');
    expect(saveStrapOwners(owners, storage)).toBe(true);
    expect(loadStrapOwners(storage)).toEqual({ 'dev-a': 'ann', 'dev-b': 'bo' });
    expect(strapOfRunner(owners, 'bo')).toBe('dev-b');
    expect(strapOfRunner(owners, 'cas')).toBeUndefined();
  });

  it('reassigns a strap, and gives a runner only one strap', () => {
    let owners = assignStrap({}, 'dev-a', 'ann');
    owners = assignStrap(owners, 'dev-a', 'bo');
    expect(owners).toEqual({ 'dev-a': 'bo' });
    owners = assignStrap(owners, 'dev-c', 'bo');
    expect(owners).toEqual({ 'dev-c': 'bo' });
  });

  it('reads nothing from broken or hostile storage, and says when it cannot save', () => {
    expect(loadStrapOwners(memoryStorage({ 'calm-run.strap-owners': '{not json' }))).toEqual({});
    expect(loadStrapOwners(memoryStorage({ 'calm-run.strap-owners': '{"dev":42}' }))).toEqual({});
    expect(loadStrapOwners(memoryStorage({ 'calm-run.strap-owners': '[1,2]' }))).toEqual({});
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(saveStrapOwners({ a: 'b' }, full)).toBe(false);
  });
});
