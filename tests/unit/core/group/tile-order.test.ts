import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TileOrder } from '../../../../src/core/group/tile-order';

const ids = ['ana', 'bo', 'cas', 'dee'];
const calm = (id: string) => ({ id, needsAttention: false });
const alert = (id: string) => ({ id, needsAttention: true });

describe('TileOrder', () => {
  it('keeps the group order while everyone is calm', () => {
    const order = new TileOrder(4000);
    expect(order.update(0, ids.map(calm))).toEqual(ids);
    expect(order.update(10_000, ids.map(calm))).toEqual(ids);
  });

  it('raises a tile only after its need for attention held for the hold time', () => {
    const order = new TileOrder(4000);
    order.update(0, ids.map(calm));
    const withCas = ids.map((id) => (id === 'cas' ? alert(id) : calm(id)));
    expect(order.update(1000, withCas)).toEqual(ids);
    expect(order.update(4999, withCas)).toEqual(ids);
    expect(order.isRaised('cas')).toBe(false);
    expect(order.update(5000, withCas)).toEqual(['cas', 'ana', 'bo', 'dee']);
    expect(order.isRaised('cas')).toBe(true);
  });

  it('never moves a tile for a flicker shorter than the hold', () => {
    const order = new TileOrder(4000);
    order.update(0, ids.map(calm));
    for (let t = 1000; t < 60_000; t += 1000) {
      const flicker = (t / 1000) % 3 === 0;
      const tiles = ids.map((id) => (id === 'bo' && flicker ? alert(id) : calm(id)));
      expect(order.update(t, tiles)).toEqual(ids);
    }
  });

  it('lowers a raised tile only once it has been calm for the hold time', () => {
    const order = new TileOrder(4000);
    order.update(0, ids.map(calm));
    const withDee = ids.map((id) => (id === 'dee' ? alert(id) : calm(id)));
    order.update(1000, withDee);
    expect(order.update(5000, withDee)[0]).toBe('dee');
    expect(order.update(6000, ids.map(calm))[0]).toBe('dee');
    expect(order.update(9999, ids.map(calm))[0]).toBe('dee');
    expect(order.update(10_000, ids.map(calm))).toEqual(ids);
  });

  it('puts a new alert below those already raised', () => {
    const order = new TileOrder(1000);
    order.update(0, ids.map(calm));
    order.update(100, [calm('ana'), calm('bo'), calm('cas'), alert('dee')]);
    order.update(1100, [calm('ana'), calm('bo'), calm('cas'), alert('dee')]);
    order.update(2000, [alert('ana'), calm('bo'), calm('cas'), alert('dee')]);
    expect(order.update(3000, [alert('ana'), calm('bo'), calm('cas'), alert('dee')])).toEqual([
      'dee',
      'ana',
      'bo',
      'cas',
    ]);
  });

  it('shows a tile that joins already needing attention at once, and forgets tiles that left', () => {
    const order = new TileOrder(4000);
    order.update(0, [calm('ana')]);
    expect(order.update(500, [calm('ana'), alert('bo')])).toEqual(['bo', 'ana']);
    expect(order.update(600, [calm('ana')])).toEqual(['ana']);
    expect(order.isRaised('bo')).toBe(false);
  });

  it('always returns each tile exactly once, and moves a tile at most once per hold period', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 80 }),
        (steps) => {
          const holdMs = 3000;
          const order = new TileOrder(holdMs);
          const lastChangeMs = new Map<string, number>();
          let previous: boolean[] | undefined;
          steps.forEach((flags, step) => {
            const nowMs = step * 1000;
            const result = order.update(
              nowMs,
              ids.map((id, index) => ({ id, needsAttention: flags[index] === true })),
            );
            expect([...result].sort()).toEqual([...ids].sort());
            const raised = ids.map((id) => order.isRaised(id));
            if (previous) {
              ids.forEach((id, index) => {
                if (raised[index] !== previous?.[index]) {
                  const last = lastChangeMs.get(id);
                  if (last !== undefined) expect(nowMs - last).toBeGreaterThanOrEqual(holdMs);
                  lastChangeMs.set(id, nowMs);
                }
              });
            }
            previous = raised;
          });
        },
      ),
    );
  });
});
