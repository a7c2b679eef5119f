/** How long a tile's need for attention must hold before the tile moves: a flicker never moves it. */
export const DEFAULT_TILE_HOLD_MS = 4000;

interface TilePlace {
  /** The settled state: whether the tile sits among those that need attention. */
  attention: boolean;
  /** Since when the settled state holds, ms; orders the attention tiles, the longest-standing first. */
  settledAtMs: number;
  /** The raw state, when it differs from the settled one, and since when. */
  pending: { attention: boolean; sinceMs: number } | undefined;
}

/**
 * Orders a group's tiles so that those needing attention rise to the top while the rest stay calm and still.
 *
 * A tile changes place only after its need for attention (raw, from {@link attentionReasons}) has held for
 * `holdMs`, so a reading that crosses a bound and back never moves it, and it never moves back and forth.
 * Attention tiles come first, the one that has needed attention longest at the top, so a new alert joins below
 * the ones already there instead of pushing them down; the calm tiles keep the group's own order.
 * Pure and deterministic: the caller passes the time.
 */
export class TileOrder {
  readonly #holdMs: number;
  readonly #places = new Map<string, TilePlace>();

  constructor(holdMs = DEFAULT_TILE_HOLD_MS) {
    this.#holdMs = holdMs;
  }

  /**
   * Feeds every tile's raw attention at `nowMs` (in the group's own order) and returns the ids in display order.
   * A tile seen for the first time settles at once: a strap that joins lost is shown as lost.
   */
  update(nowMs: number, tiles: readonly { id: string; needsAttention: boolean }[]): string[] {
    const seen = new Set<string>();
    for (const { id, needsAttention } of tiles) {
      seen.add(id);
      const place = this.#places.get(id);
      if (!place) {
        this.#places.set(id, { attention: needsAttention, settledAtMs: nowMs, pending: undefined });
        continue;
      }
      if (needsAttention === place.attention) {
        place.pending = undefined;
      } else if (place.pending?.attention !== needsAttention) {
        place.pending = { attention: needsAttention, sinceMs: nowMs };
      }
      if (place.pending && nowMs - place.pending.sinceMs >= this.#holdMs) {
        place.attention = place.pending.attention;
        place.settledAtMs = place.pending.sinceMs;
        place.pending = undefined;
      }
    }
    for (const id of [...this.#places.keys()]) if (!seen.has(id)) this.#places.delete(id);

    const rank = new Map(tiles.map((tile, index) => [tile.id, index]));
    return tiles
      .map((tile) => tile.id)
      .sort((a, b) => {
        const placeA = this.#places.get(a);
        const placeB = this.#places.get(b);
        const attentionA = placeA?.attention === true;
        const attentionB = placeB?.attention === true;
        if (attentionA !== attentionB) return attentionA ? -1 : 1;
        if (attentionA && placeB && placeA.settledAtMs !== placeB.settledAtMs) {
          return placeA.settledAtMs - placeB.settledAtMs;
        }
        return (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
      });
  }

  /** Whether the tile sits among the attention tiles now (its settled state). */
  isRaised(id: string): boolean {
    return this.#places.get(id)?.attention === true;
  }
}
